// The campaign dashboard's charts (ECharts, a chunk of their own): the funnel sent → delivered →
// opened → clicked → converted, and the daily line of sends, opens, clicks and conversions.
import { FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([FunnelChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const COLORS = ['#1677ff', '#13c2c2', '#52c41a', '#faad14', '#f5222d'];

function useChart(option: echarts.EChartsCoreOption, deps: unknown[]) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return undefined;
    const chart = echarts.init(ref.current);
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return ref;
}

export function CampaignFunnel({ stages, title, testId }: {
  stages: { label: string; value: number; ofSent: number | null }[]; title: string; testId?: string;
}) {
  const ref = useChart({
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number; dataIndex: number }) => {
      const share = stages[p.dataIndex]?.ofSent;
      return `${p.name}: ${p.value}${share === null || share === undefined ? '' : ` (${share}%)`}`;
    } },
    series: [{
      type: 'funnel', sort: 'none', left: '10%', width: '80%', top: 8, bottom: 8, minSize: '8%', gap: 2,
      label: { show: true, position: 'inside', formatter: '{b}: {c}' },
      data: stages.map((s, i) => ({ name: s.label, value: s.value, itemStyle: { color: COLORS[i % COLORS.length] } })),
    }],
  }, [JSON.stringify(stages)]);
  return (
    <div ref={ref} style={{ width: '100%', height: 280 }} role="img" data-testid={testId}
      aria-label={`${title}: ${stages.map((s) => `${s.label} ${s.value}`).join(', ')}`} />
  );
}

export function CampaignDaily({ days, series, title, testId, locale }: {
  days: string[]; series: { name: string; values: number[] }[]; title: string; testId?: string; locale: string;
}) {
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const ref = useChart({
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => nf.format(v) },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: days },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s, i) => ({ type: 'line', name: s.name, data: s.values, smooth: true, itemStyle: { color: COLORS[i % COLORS.length] } })),
  }, [JSON.stringify(days), JSON.stringify(series), locale]);
  return (
    <div ref={ref} style={{ width: '100%', height: 280 }} role="img" data-testid={testId}
      aria-label={`${title}: ${days.join(', ')}`} />
  );
}

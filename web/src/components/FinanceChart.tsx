// The ledger pages' charts (ECharts, its own chunk like TaskChart): a bar chart of level-1
// closing balances by category, a line of an account's running balance, and bars of several
// series side by side or stacked (aging buckets per partner, budget against used). Values are
// numbers only here, for drawing; tables show the exact decimal strings.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const PALETTE = ['#1677ff', '#52c41a', '#faad14', '#fa8c16', '#f5222d', '#722ed1', '#13c2c2', '#eb2f96', '#a0d911', '#2f54eb', '#8c8c8c', '#595959', '#000000'];

interface Props {
  type: 'bar' | 'line';
  labels: string[];
  /** One series; or `series` for several. */
  values?: number[];
  /** Several named bar series (a legend is shown); stacked when `stacked`. */
  series?: { name: string; values: number[]; color?: string }[];
  stacked?: boolean;
  /** Shown to screen readers with the values. */
  title: string;
  testId?: string;
  height?: number;
  onClick?: (index: number) => void;
}

function describe(title: string, labels: string[], values?: number[], series?: Props['series']): string {
  if (!series) return `${title}: ${labels.map((l, i) => `${l} ${values?.[i] ?? ''}`).join(', ')}`;
  return `${title}: ${labels.map((l, i) => `${l} (${series.map((s) => `${s.name} ${s.values[i]}`).join(', ')})`).join('; ')}`;
}

export default function FinanceChart({ type, labels, values, series, stacked, title, testId, height = 260, onClick }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const many = series !== undefined;
    chart.setOption({
      grid: { left: 80, right: 16, top: many ? 40 : 16, bottom: type === 'line' || many ? 56 : 32 },
      tooltip: { trigger: 'axis' },
      ...(many ? { legend: { type: 'scroll', top: 0 } } : {}),
      xAxis: { type: 'category', data: labels, axisLabel: type === 'line' || many ? { rotate: 30, fontSize: 10, interval: 0 } : {} },
      yAxis: { type: 'value' },
      series: many
        ? series.map((s, i) => ({
            type: 'bar', name: s.name, data: s.values, stack: stacked ? 'total' : undefined, barMaxWidth: 56,
            itemStyle: { color: s.color ?? PALETTE[i % PALETTE.length] },
          }))
        : [
            type === 'bar'
              ? { type: 'bar', data: (values ?? []).map((v) => ({ value: v, itemStyle: { color: v < 0 ? '#cf1322' : '#1677ff' } })), label: { show: true, position: 'top' } }
              : { type: 'line', step: 'end', data: values ?? [], itemStyle: { color: '#1677ff' }, areaStyle: { opacity: 0.08 } },
          ],
    });
    if (onClick) chart.on('click', (e) => onClick(e.dataIndex));
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [type, labels, values, series, stacked, onClick]);
  return <div ref={ref} style={{ width: '100%', height }} role="img" data-testid={testId} aria-label={describe(title, labels, values, series)} />;
}

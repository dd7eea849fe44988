// The sales funnel (ECharts' funnel, its own chunk): how many opportunities entered each stage,
// widest first. Numbers here are for drawing; the tables beside it show the exact figures.
import { FunnelChart as Funnel } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([Funnel, LegendComponent, TooltipComponent, CanvasRenderer]);

export default function FunnelChart({ data, title, testId, height = 300 }: {
  data: { name: string; value: number }[];
  title: string;
  testId?: string;
  height?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      tooltip: { trigger: 'item', formatter: '{b}: {c}' },
      series: [{
        type: 'funnel', sort: 'none', left: '10%', width: '80%', top: 8, bottom: 8, gap: 2,
        label: { show: true, position: 'inside', formatter: '{b} {c}' },
        data,
      }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [data]);
  return <div ref={ref} style={{ width: '100%', height }} role="img" data-testid={testId}
    aria-label={`${title}: ${data.map((d) => `${d.name} ${d.value}`).join(', ')}`} />;
}

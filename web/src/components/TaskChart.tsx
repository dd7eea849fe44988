// A bar chart of the user's tasks by state. ECharts is imported piecemeal (core + bar) so the
// chart costs its own small chunk, loaded only on the home page.
import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, CanvasRenderer]);

export default function TaskChart({ data }: { data: { label: string; value: number }[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      grid: { left: 40, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: data.map((d) => d.label) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: data.map((d) => d.value), itemStyle: { color: '#1677ff' }, label: { show: true, position: 'top' } }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [data]);
  return <div ref={ref} style={{ width: '100%', height: 240 }} role="img" data-testid="task-chart" aria-label={data.map((d) => `${d.label}: ${d.value}`).join(', ')} />;
}

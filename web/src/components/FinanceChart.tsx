// The ledger pages' charts (ECharts, its own chunk like TaskChart): a bar chart of level-1
// closing balances by category, a line of an account's running balance. Values are numbers only
// here, for drawing; tables show the exact decimal strings.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, CanvasRenderer]);

interface Props {
  type: 'bar' | 'line';
  labels: string[];
  values: number[];
  /** Shown to screen readers with the values. */
  title: string;
  testId?: string;
  onClick?: (index: number) => void;
}

export default function FinanceChart({ type, labels, values, title, testId, onClick }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      grid: { left: 80, right: 16, top: 16, bottom: type === 'line' ? 56 : 32 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels, axisLabel: type === 'line' ? { rotate: 30, fontSize: 10 } : {} },
      yAxis: { type: 'value' },
      series: [
        type === 'bar'
          ? { type: 'bar', data: values.map((v) => ({ value: v, itemStyle: { color: v < 0 ? '#cf1322' : '#1677ff' } })), label: { show: true, position: 'top' } }
          : { type: 'line', step: 'end', data: values, itemStyle: { color: '#1677ff' }, areaStyle: { opacity: 0.08 } },
      ],
    });
    if (onClick) chart.on('click', (e) => onClick(e.dataIndex));
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [type, labels, values, onClick]);
  return <div ref={ref} style={{ width: '100%', height: 260 }} role="img" data-testid={testId}
    aria-label={`${title}: ${labels.map((l, i) => `${l} ${values[i]}`).join(', ')}`} />;
}

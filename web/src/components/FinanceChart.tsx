// The ledger pages' charts (ECharts, its own chunk like TaskChart): a bar chart of level-1
// closing balances by category, a line of an account's running balance, and bars of several
// series side by side or stacked (aging buckets per partner, budget against used). Values are
// numbers only here, for drawing; tables show the exact decimal strings. A pie shows shares
// (stock value by item category); several lines draw prices over time, one per supplier.
// With `locale`, axes, labels and tooltips format numbers in it.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const PALETTE = ['#1677ff', '#52c41a', '#faad14', '#fa8c16', '#f5222d', '#722ed1', '#13c2c2', '#eb2f96', '#a0d911', '#2f54eb', '#8c8c8c', '#595959', '#000000'];

interface Props {
  type: 'bar' | 'line' | 'pie';
  labels: string[];
  /** One series; or `series` for several. */
  values?: number[];
  /** Several named series, bars or lines after `type` (a legend is shown); stacked when `stacked`; null is a gap. */
  series?: { name: string; values: (number | null)[]; color?: string }[];
  stacked?: boolean;
  /** Shown to screen readers with the values. */
  title: string;
  testId?: string;
  height?: number;
  onClick?: (index: number) => void;
  /** Numbers in this language's format (1,234.5 / 1.234,5); ECharts' own otherwise. */
  locale?: string;
  /** Bars lying along the y axis (long labels, such as items). */
  horizontal?: boolean;
}

function pieOption(labels: string[], values: number[], number: (v: number) => string) {
  return {
    tooltip: { trigger: 'item', valueFormatter: (v: number) => number(v) },
    legend: { type: 'scroll', bottom: 0 },
    series: [{
      type: 'pie', radius: ['35%', '65%'], top: 0, bottom: 32,
      data: labels.map((name, i) => ({ name, value: values[i], itemStyle: { color: PALETTE[i % PALETTE.length] } })),
      label: { formatter: (p: { name: string; percent: number }) => `${p.name} ${p.percent}%` },
    }],
  };
}

function describe(title: string, labels: string[], values?: number[], series?: Props['series']): string {
  if (!series) return `${title}: ${labels.map((l, i) => `${l} ${values?.[i] ?? ''}`).join(', ')}`;
  return `${title}: ${labels.map((l, i) => `${l} (${series.map((s) => `${s.name} ${s.values[i]}`).join(', ')})`).join('; ')}`;
}

export default function FinanceChart({ type, labels, values, series, stacked, title, testId, height = 260, onClick, locale, horizontal }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    const many = series !== undefined;
    const nf = locale ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }) : null;
    const number = (v: number) => (nf ? nf.format(v) : String(v));
    if (type === 'pie') {
      chart.setOption(pieOption(labels, values ?? [], number));
      return () => chart.dispose();
    }
    const category = { type: 'category', data: labels, axisLabel: type === 'line' || many ? { rotate: 30, fontSize: 10, interval: 0 } : {} };
    const amount = { type: 'value', ...(nf ? { axisLabel: { formatter: number } } : {}) };
    chart.setOption({
      grid: { left: horizontal ? 140 : 80, right: horizontal ? 64 : 16, top: many ? 40 : 16, bottom: type === 'line' || many ? 56 : 32 },
      tooltip: { trigger: 'axis', ...(nf ? { valueFormatter: number } : {}) },
      ...(many ? { legend: { type: 'scroll', top: 0 } } : {}),
      xAxis: horizontal ? amount : category,
      yAxis: horizontal ? { ...category, inverse: true, axisLabel: { width: 130, overflow: 'truncate' } } : amount,
      series: many
        ? series.map((s, i) => ({
            type: type === 'line' ? 'line' : 'bar', name: s.name, data: s.values, stack: stacked ? 'total' : undefined, barMaxWidth: 56,
            connectNulls: true, itemStyle: { color: s.color ?? PALETTE[i % PALETTE.length] },
          }))
        : [
            type === 'bar'
              ? { type: 'bar', data: (values ?? []).map((v) => ({ value: v, itemStyle: { color: v < 0 ? '#cf1322' : '#1677ff' } })), label: { show: true, position: horizontal ? 'right' : 'top', ...(nf ? { formatter: (p: { value: number }) => number(p.value) } : {}) } }
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
  }, [type, labels, values, series, stacked, onClick, locale, horizontal]);
  return <div ref={ref} style={{ width: '100%', height }} role="img" data-testid={testId} aria-label={describe(title, labels, values, series)} />;
}

import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/problem';
import type { SalesReport } from '../src/api/sales';
import { columnSum, grossMargin, labelKey, notAvailable, onTimeRate, reportSeries, reportTitle, valueKey } from '../src/lib/salesDashboard';

const columns = (...keys: string[]) => keys.map((key) => ({ key, zh: key, en: key }));

const byMonth: SalesReport = {
  title: { zh: '销售额（按月）', en: 'Sales by month' },
  columns: columns('month', 'orders', 'amount', 'tax'),
  rows: [
    { month: '2026-11', orders: 3, amount: '1200.50', tax: '156.07' },
    { month: '2026-09', orders: 1, amount: '99.99', tax: '13.00' },
    { month: '2026-10', orders: 2, amount: '0.01', tax: '0.00' },
  ],
};

const byCustomer: SalesReport = {
  title: '销售额（按客户）',
  columns: columns('customer_code', 'name', 'amount'),
  rows: Array.from({ length: 12 }, (_, i) => ({ customer_code: `C${i}`, name: `客户${i}`, amount: `${(i * 37) % 11}00.00` })),
};

describe('the sales reports on the dashboard', () => {
  it('labels points by the name or month column and draws the amount', () => {
    expect(labelKey(byMonth)).toBe('month');
    expect(valueKey(byMonth)).toBe('amount');
    expect(labelKey(byCustomer)).toBe('name');
    expect(reportSeries(byMonth)).toEqual({ labels: ['2026-09', '2026-10', '2026-11'], values: [99.99, 0.01, 1200.5] });
  });

  it('reads the reports as the server describes them (label "name", months as names)', () => {
    const sales: SalesReport = {
      title: { zh: '销售汇总', en: 'Sales' },
      columns: columns('name', 'orders', 'amount', 'tax', 'cost_of_sales', 'invoiced'),
      rows: [
        { key: '2026-12', name: '2026-12', orders: 2, amount: '7140.00', tax: '928.20', cost_of_sales: '4800.00', invoiced: '7140.00' },
        { key: '2026-10', name: '2026-10', orders: 1, amount: '10.00', tax: '1.30', cost_of_sales: '5.00', invoiced: '0.00' },
      ],
    };
    expect(reportSeries(sales)).toEqual({ labels: ['2026-10', '2026-12'], values: [10, 7140] });
    const backlog: SalesReport = { title: 'x', columns: columns('order', 'customer', 'open', 'open_value', 'days_late'), rows: [
      { order: 'SO-1', customer: 'A', open: '2', open_value: '100.50', days_late: 0 }, { order: 'SO-2', customer: 'B', open: '1', open_value: '0.50', days_late: 3 }] };
    expect(columnSum(backlog, ['open_value', 'amount'])).toBe('101.00');
    const onTime: SalesReport = { title: 'x', columns: columns('customer', 'lines', 'on_time', 'late', 'on_time_rate'), rows: [
      { customer: 'A', lines: 4, on_time: 3, late: 1, on_time_rate: '75.0' }] };
    expect(onTimeRate(onTime)).toBe('75.0');
  });

  it('keeps the ten largest for the top-10 bars', () => {
    const top = reportSeries(byCustomer, { top: 10 });
    expect(top.labels).toHaveLength(10);
    expect(top.values[0]).toBe(1000);
    expect([...top.values].sort((a, b) => b - a)).toEqual(top.values);
  });

  it('adds amounts in cents, not floats', () => {
    expect(columnSum(byMonth, ['amount'])).toBe('1300.50');
    expect(columnSum({ ...byMonth, rows: [{ amount: '0.1' }, { amount: '0.2' }] }, ['amount'])).toBe('0.30');
    expect(columnSum(byMonth, ['open_value'])).toBeNull();
    expect(columnSum(null, ['amount'])).toBeNull();
  });

  it('figures the on-time rate from counts, or the mean of the rates', () => {
    const counts: SalesReport = { title: 'x', columns: columns('customer', 'deliveries', 'on_time'), rows: [
      { customer: 'A', deliveries: 3, on_time: 2 }, { customer: 'B', deliveries: 5, on_time: 5 }] };
    expect(onTimeRate(counts)).toBe('87.5');
    const rates: SalesReport = { title: 'x', columns: columns('customer', 'on_time_rate'), rows: [
      { customer: 'A', on_time_rate: '100' }, { customer: 'B', on_time_rate: '66.7' }] };
    expect(onTimeRate(rates)).toBe('83.4');
    expect(onTimeRate({ ...rates, rows: [] })).toBeNull();
  });

  it('figures the gross margin over the revenue', () => {
    const margin: SalesReport = { title: 'x', columns: columns('customer', 'revenue', 'cost', 'margin'), rows: [
      { customer: 'A', revenue: '1000.00', cost: '600.00', margin: '400.00' }, { customer: 'B', revenue: '500.00', cost: '450.00', margin: '50.00' }] };
    expect(grossMargin(margin)).toEqual({ margin: '450.00', rate: '30.0' });
    expect(grossMargin({ ...margin, rows: [] })).toBeNull();
  });

  it('titles a report in the UI’s language and treats a missing report as not available', () => {
    expect(reportTitle(byMonth, 'en-US')).toBe('Sales by month');
    expect(reportTitle(byMonth, 'zh-CN')).toBe('销售额（按月）');
    expect(reportTitle(byCustomer, 'en-US')).toBe('销售额（按客户）');
    expect(notAvailable(new ApiError(404, { status: 404, title: 'Not found' }))).toBe(true);
    expect(notAvailable(new ApiError(403, { status: 403, title: 'Forbidden' }))).toBe(false);
    expect(notAvailable(new Error('x'))).toBe(false);
  });
});

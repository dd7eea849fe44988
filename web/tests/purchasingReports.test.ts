import { describe, expect, it } from 'vitest';
import {
  cellText, cents, centsText, columnTitle, deliveryChart, isNumericColumn, openOrdersKpis, openValueBySupplier, openValueChart,
  priceSeries, purchasesChart,
} from '../src/lib/purchasingReports';

describe('open orders', () => {
  const rows = [
    { supplier: '华东钢材', open_value: '0.10', days_late: 0 },
    { supplier: '宏达五金', open_value: '100.05', days_late: 3 },
    { supplier: '华东钢材', open_value: '0.20', days_late: 1 },
    { supplier: '华东钢材', open_value: '1234567.70', days_late: 0 },
  ];
  it('add the open value per supplier in cents, largest first, with no float error', () => {
    expect(openValueBySupplier(rows)).toEqual([
      { supplier: '华东钢材', cents: 123456800n },
      { supplier: '宏达五金', cents: 10005n },
    ]);
    expect(openValueBySupplier([{ supplier: 'A', open_value: '0.10' }, { supplier: 'A', open_value: '0.20' }])[0].cents).toBe(30n);
    expect(openValueChart(rows)).toEqual({ labels: ['华东钢材', '宏达五金'], values: [1234568, 100.05] });
  });
  it('count late lines and total the open value exactly', () => {
    expect(openOrdersKpis(rows)).toEqual({ openValue: '1234668.05', late: 2, lines: 4 });
    expect(openOrdersKpis([])).toEqual({ openValue: '0.00', late: 0, lines: 0 });
  });
});

describe('cents', () => {
  it('round decimal strings half away from zero and print them back', () => {
    expect(cents('12.345')).toBe(1235n);
    expect(cents('-0.005')).toBe(-1n);
    expect(cents('7')).toBe(700n);
    expect(cents(null)).toBe(0n);
    expect(cents('abc')).toBe(0n);
    expect(centsText(-5n)).toBe('-0.05');
    expect(centsText(123456n)).toBe('1234.56');
  });
});

describe('charts', () => {
  it('draw the on-time and rejected rates per supplier', () => {
    expect(deliveryChart([{ supplier: 'A', on_time_rate: '66.7', rejected_rate: '0.0' }, { supplier: 'B', on_time_rate: '100.0', rejected_rate: '12.5' }]))
      .toEqual({ labels: ['A', 'B'], onTime: [66.7, 100], rejected: [0, 12.5] });
  });
  it('put months in calendar order and keep the server’s order otherwise', () => {
    const rows = [{ key: '2026-03', name: '2026-03', amount: '10.00' }, { key: '2026-01', name: '2026-01', amount: '5.50' }];
    expect(purchasesChart(rows, 'month')).toEqual({ labels: ['2026-01', '2026-03'], values: [5.5, 10] });
    expect(purchasesChart(rows, 'supplier').labels).toEqual(['2026-03', '2026-01']);
  });
  it('make one price line per supplier over every order date, gaps where it had no order', () => {
    const rows = [
      { date: '2026-02-01', supplier: 'B', unit_price: '9.5000' },
      { date: '2026-01-05', supplier: 'A', unit_price: '10.0000' },
      { date: '2026-02-01', supplier: 'A', unit_price: '10.2500' },
      { date: '2026-03-01', supplier: 'B', unit_price: '' },
    ];
    expect(priceSeries(rows)).toEqual({
      labels: ['2026-01-05', '2026-02-01', '2026-03-01'],
      series: [{ name: 'B', values: [null, 9.5, null] }, { name: 'A', values: [10, 10.25, null] }],
    });
    expect(priceSeries([])).toEqual({ labels: [], series: [] });
  });
});

describe('the report table', () => {
  it('heads columns in the UI language', () => {
    const c = { key: 'supplier', zh: '供应商', en: 'Supplier' };
    expect(columnTitle(c, 'zh-CN')).toBe('供应商');
    expect(columnTitle(c, 'en-US')).toBe('Supplier');
  });
  it('right-aligns columns of numbers but not codes', () => {
    const rows = [{ item_code: '1001', open: '5', open_value: '12.50', days_late: 0, supplier: 'A', expected_date: null }];
    expect(isNumericColumn('open_value', rows)).toBe(true);
    expect(isNumericColumn('days_late', rows)).toBe(true);
    expect(isNumericColumn('item_code', rows)).toBe(false);
    expect(isNumericColumn('supplier', rows)).toBe(false);
    expect(isNumericColumn('expected_date', rows)).toBe(false);
  });
  it('shows dates in the locale and decimals grouped with their places', () => {
    expect(cellText('1234567.50', 'zh-CN')).toBe('1,234,567.50');
    expect(cellText('2026-03-09', 'en-US')).toBe('03/09/2026');
    expect(cellText(1234, 'en-US')).toBe('1,234');
    expect(cellText(null, 'en-US')).toBe('');
    expect(cellText('PO-0001', 'en-US')).toBe('PO-0001');
  });
});

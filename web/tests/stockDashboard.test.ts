import { describe, expect, it } from 'vitest';
import type { Lot, ReorderReport, ReorderRow, StockRow, ValuationRow } from '../src/api/inventory';
import { chartNumber, quantityByWarehouse, stockKpis, valuationChart } from '../src/lib/stockDashboard';

const lot = (days: number | null): Lot => ({
  id: 1, item_id: 1, item_code: 'M', item_name: '', lot_number: 'L', produced_on: null, expires_on: null, days_to_expiry: days,
  supplier_id: null, supplier: null, on_hand: '1',
});

describe('the KPI cards', () => {
  it('take the report’s counts of every status, though its rows are only the shortages', () => {
    const report: ReorderReport = { rows: [], counts: { below_safety: 2, below_minimum: 3, above_maximum: 4, ok: 9 } };
    expect(stockKpis(report, [lot(-2), lot(0), lot(30)])).toEqual({
      belowSafety: 2, belowMinimum: 3, short: 5, overstock: 4, expiring: 2, expired: 1,
    });
  });
  it('count the rows when there are no counts, and nothing before anything came', () => {
    const row = (status: ReorderRow['status']) => ({ status }) as ReorderRow;
    const report = { rows: [row('below_safety'), row('below_minimum'), row('below_minimum')] } as unknown as ReorderReport;
    expect(stockKpis(report, [])).toMatchObject({ belowSafety: 1, belowMinimum: 2, short: 3, overstock: 0 });
    expect(stockKpis(undefined, [lot(null)])).toMatchObject({ short: 0, expiring: 1, expired: 0 });
  });
});

describe('chart data', () => {
  const row = (name: string, value: string): ValuationRow => ({ key: 1, code: name.toLowerCase(), name, quantity: '1', value });
  it('sorts valuation rows by value and puts the rest together exactly', () => {
    expect(valuationChart([row('A', '10.10'), row('B', '300.00'), row('C', '0.20'), row('', '0.10')], 2, 'Others', '?')).toEqual({
      labels: ['B', 'A', 'Others'], values: [300, 10.1, 0.3],
    });
    expect(valuationChart([{ ...row('', '5'), code: '' }], 5, 'Others', '(none)').labels).toEqual(['(none)']);
  });
  it('adds on-hand rows up per warehouse', () => {
    const s = (warehouse: string, on_hand: string) => ({ warehouse, on_hand }) as StockRow;
    expect(quantityByWarehouse([s('主仓', '0.1'), s('北仓', '5'), s('主仓', '0.2')])).toEqual([
      { warehouse: '主仓', quantity: '0.3' }, { warehouse: '北仓', quantity: '5' },
    ]);
  });
  it('formats chart numbers in the UI’s language', () => {
    expect(chartNumber(1234567.891, 'en-US')).toBe('1,234,567.89');
    expect(chartNumber(1234567.891, 'de-DE')).toBe('1.234.567,89');
  });
});

// 采购报表: the reports' rows made into chart series and table cells. Amounts are added in
// integer cents (BigInt), never as floats; numbers appear only for drawing.
import type { ReportColumn, ReportRow } from '../api/purchasing';
import { formatDecimal } from './decimal';
import { rescale, scaled } from './decimalMath';
import { formatDate } from './format';

/** A decimal string in cents (rounded half away from zero); 0 for anything that is not a decimal. */
export function cents(value: unknown): bigint {
  const s = typeof value === 'string' || typeof value === 'number' ? scaled(String(value)) : null;
  return s ? rescale(s, 2) : 0n;
}

/** Cents as a decimal string with two places: 123456n → "1234.56". */
export function centsText(value: bigint): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Cents as a number of yuan for an axis. */
const drawn = (value: bigint) => Number(value) / 100;

export interface BarData {
  labels: string[];
  values: number[];
}

/** The open value of the open-orders lines added up per supplier, largest first. */
export function openValueBySupplier(rows: ReportRow[]): { supplier: string; cents: bigint }[] {
  const sums = new Map<string, bigint>();
  for (const r of rows) {
    const supplier = String(r.supplier ?? '');
    sums.set(supplier, (sums.get(supplier) ?? 0n) + cents(r.open_value));
  }
  return [...sums]
    .map(([supplier, value]) => ({ supplier, cents: value }))
    .sort((a, b) => (a.cents === b.cents ? a.supplier.localeCompare(b.supplier) : a.cents < b.cents ? 1 : -1));
}

export function openValueChart(rows: ReportRow[]): BarData {
  const sums = openValueBySupplier(rows);
  return { labels: sums.map((s) => s.supplier), values: sums.map((s) => drawn(s.cents)) };
}

/** An open line past its expected date. */
export const isLate = (row: ReportRow) => Number(row.days_late ?? 0) > 0;

/** The open-orders KPI: the value the rows add up to and how many lines are late. */
export function openOrdersKpis(rows: ReportRow[]): { openValue: string; late: number; lines: number } {
  const total = rows.reduce((sum, r) => sum + cents(r.open_value), 0n);
  return { openValue: centsText(total), late: rows.filter(isLate).length, lines: rows.length };
}

/** Delivery performance per supplier: on-time and rejected rates (percent) as two series. */
export function deliveryChart(rows: ReportRow[]): { labels: string[]; onTime: number[]; rejected: number[] } {
  return {
    labels: rows.map((r) => String(r.supplier ?? '')),
    onTime: rows.map((r) => Number(r.on_time_rate ?? 0)),
    rejected: rows.map((r) => Number(r.rejected_rate ?? 0)),
  };
}

/** The purchases' amount per group; months in calendar order, other groups as the server sorted them. */
export function purchasesChart(rows: ReportRow[], group: string): BarData {
  const ordered = group === 'month' ? [...rows].sort((a, b) => String(a.key).localeCompare(String(b.key))) : rows;
  return { labels: ordered.map((r) => String(r.name ?? r.key ?? '')), values: ordered.map((r) => drawn(cents(r.amount))) };
}

export interface PriceSeries {
  labels: string[];
  series: { name: string; values: (number | null)[] }[];
}

/**
 * The price history as one line per supplier over the order dates: each date once, in order; a
 * supplier's point the last price it was ordered at on that date, null where it had no order.
 */
export function priceSeries(rows: ReportRow[]): PriceSeries {
  const labels = [...new Set(rows.map((r) => String(r.date ?? '')))].sort();
  const index = new Map(labels.map((d, i) => [d, i]));
  const bySupplier = new Map<string, (number | null)[]>();
  for (const r of rows) {
    const name = String(r.supplier ?? '');
    const values = bySupplier.get(name) ?? labels.map(() => null);
    bySupplier.set(name, values);
    const price = Number(r.unit_price);
    if (r.unit_price !== '' && r.unit_price !== null && Number.isFinite(price)) values[index.get(String(r.date ?? ''))!] = price;
  }
  return { labels, series: [...bySupplier].map(([name, values]) => ({ name, values })) };
}

/** A column's heading in the UI's language (English for "en…", Chinese otherwise). */
export function columnTitle(column: ReportColumn, language: string): string {
  return language.toLowerCase().startsWith('en') ? column.en : column.zh;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A column of numbers (right-aligned): every value a number or a decimal string, codes aside. */
export function isNumericColumn(key: string, rows: ReportRow[]): boolean {
  if (key.endsWith('_code') || key === 'key') return false;
  const values = rows.map((r) => r[key]).filter((v) => v !== null && v !== undefined && v !== '');
  return values.length > 0 && values.every((v) => typeof v === 'number' || DECIMAL.test(String(v)));
}

/** A cell as text: dates in the locale, decimals grouped (1,234.50) with their places kept. */
export function cellText(value: ReportRow[string] | undefined, locale: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, locale);
  if (DECIMAL.test(value)) return formatDecimal(value);
  return value;
}

// 销售看板: the sales reports' answers ({title, columns, rows}) made into KPI figures and chart
// series. The reports describe themselves, so a row's label is its first text column (or a
// name/month/key column) and its figure the first amount-like column; sums are in integer cents
// (BigInt), numbers appear only for drawing. A report not there yet (404) is "not available".
import type { ReportRow } from '../api/purchasing';
import type { SalesReport } from '../api/sales';
import { ApiError } from '../api/problem';
import { cents, centsText, isNumericColumn } from './purchasingReports';

const LABEL_KEYS = ['name', 'month', 'period', 'customer', 'item', 'salesperson', 'region', 'label', 'key', 'code'];
const AMOUNT_KEYS = ['amount', 'net_amount', 'sales', 'revenue', 'total', 'value'];

/** The column a chart labels its points with. */
export function labelKey(report: SalesReport): string | null {
  const keys = report.columns.map((c) => c.key);
  const named = LABEL_KEYS.find((k) => keys.includes(k));
  if (named) return named;
  return keys.find((k) => !isNumericColumn(k, report.rows)) ?? keys[0] ?? null;
}

/** The first of `preferred` the report has, else its first numeric column. */
export function valueKey(report: SalesReport, preferred: string[] = AMOUNT_KEYS): string | null {
  const keys = report.columns.map((c) => c.key);
  return preferred.find((k) => keys.includes(k)) ?? keys.find((k) => isNumericColumn(k, report.rows) && k !== labelKey(report)) ?? null;
}

export interface Series {
  labels: string[];
  values: number[];
}

/** Label and figure per row; months in calendar order; `top` keeps the largest n. */
export function reportSeries(report: SalesReport | null | undefined, options: { top?: number; values?: string[] } = {}): Series {
  if (!report || !report.rows.length) return { labels: [], values: [] };
  const label = labelKey(report);
  const value = valueKey(report, options.values);
  if (!label || !value) return { labels: [], values: [] };
  let rows = report.rows.map((r) => ({ label: String(r[label] ?? ''), cents: cents(r[value]) }));
  // Months (by name, or labels that read as 2026-11) in calendar order.
  if (label === 'month' || label === 'period' || rows.every((r) => /^\d{4}-\d{2}/.test(r.label))) rows.sort((a, b) => a.label.localeCompare(b.label));
  if (options.top) rows = [...rows].sort((a, b) => (a.cents === b.cents ? 0 : a.cents < b.cents ? 1 : -1)).slice(0, options.top);
  return { labels: rows.map((r) => r.label), values: rows.map((r) => Number(r.cents) / 100) };
}

/** A column added up over the rows, in cents as text ("1234.50"); the first key the report has. */
export function columnSum(report: SalesReport | null | undefined, keys: string[]): string | null {
  if (!report) return null;
  const key = keys.find((k) => report.columns.some((c) => c.key === k) || report.rows.some((r) => k in r));
  if (!key) return null;
  return centsText(report.rows.reduce((sum, r) => sum + cents(r[key]), 0n));
}

/** A percentage to one decimal from two sums of cents or counts; null without a denominator. */
function percent(numerator: bigint, denominator: bigint): string | null {
  if (denominator === 0n) return null;
  const tenths = (numerator * 1000n * 2n + denominator) / (denominator * 2n);
  return `${tenths / 10n}.${(tenths < 0n ? -tenths : tenths) % 10n}`;
}

const firstKey = (rows: ReportRow[], keys: string[]) => keys.find((k) => rows.some((r) => k in r && r[k] !== null && r[k] !== ''));

/**
 * The on-time delivery rate over all rows: on-time over all counts when the rows count them,
 * else the mean of the rows' rates.
 */
export function onTimeRate(report: SalesReport | null | undefined): string | null {
  if (!report || !report.rows.length) return null;
  const rows = report.rows;
  const onTime = firstKey(rows, ['on_time', 'on_time_count', 'on_time_lines', 'on_time_deliveries']);
  const all = firstKey(rows, ['deliveries', 'lines', 'shipments', 'count', 'total_count', 'total']);
  if (onTime && all) {
    const units = (k: string) => rows.reduce((s, r) => s + cents(r[k]), 0n);
    return percent(units(onTime), units(all));
  }
  const rate = firstKey(rows, ['on_time_rate', 'rate']);
  if (!rate) return null;
  const sum = rows.reduce((s, r) => s + cents(r[rate]), 0n);
  return percent(sum, BigInt(rows.length) * 100n * 100n);
}

/** Gross margin: the margin over the revenue, both added up in cents, as a percentage. */
export function grossMargin(report: SalesReport | null | undefined): { margin: string; rate: string | null } | null {
  if (!report || !report.rows.length) return null;
  const rows = report.rows;
  const marginKey = firstKey(rows, ['margin', 'gross_margin', 'gross_profit', 'profit']);
  const revenueKey = firstKey(rows, ['revenue', 'amount', 'sales', 'net_amount']);
  if (!marginKey) return null;
  const margin = rows.reduce((s, r) => s + cents(r[marginKey]), 0n);
  const revenue = revenueKey ? rows.reduce((s, r) => s + cents(r[revenueKey]), 0n) : 0n;
  return { margin: centsText(margin), rate: percent(margin, revenue) };
}

/** A report's title in the UI's language (the server may send one text or both). */
export function reportTitle(report: SalesReport, language: string): string {
  if (typeof report.title === 'string') return report.title;
  return language.toLowerCase().startsWith('en') ? report.title.en : report.title.zh;
}

/** A report the server does not offer (yet): shown as "not available", not as an error. */
export const notAvailable = (error: unknown) => error instanceof ApiError && (error.status === 404 || error.status === 501);

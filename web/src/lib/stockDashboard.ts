// The stock dashboard's figures: the reorder report and the lots summed up into the KPI cards,
// valuation or on-hand rows made into chart series (numbers only for drawing; tables and cards
// keep the server's decimal strings).
import type { Lot, ReorderReport, StockRow, ValuationRow } from '../api/inventory';
import { add, format, scaled, type Scaled } from './decimalMath';

const ZERO: Scaled = { units: 0n, scale: 0 };

export interface StockKpis {
  belowSafety: number;
  belowMinimum: number;
  /** Below the minimum or the safety stock: what needs ordering. */
  short: number;
  overstock: number;
  expiring: number;
  expired: number;
}

/**
 * The cards' counts: shortages and overstock from the report's `counts` (which count every status
 * even when the rows are filtered, e.g. `status=below`), else from its rows; lots by expiry.
 */
export function stockKpis(reorder: ReorderReport | undefined, lots: Lot[]): StockKpis {
  const counts = reorder?.counts;
  const tally = (status: string) => counts?.[status as keyof typeof counts] ?? (reorder?.rows ?? []).filter((r) => r.status === status).length;
  const belowSafety = tally('below_safety');
  const belowMinimum = tally('below_minimum');
  const expired = lots.filter((l) => l.days_to_expiry !== null && l.days_to_expiry < 0).length;
  return {
    belowSafety, belowMinimum, short: belowSafety + belowMinimum,
    overstock: tally('above_maximum'),
    expiring: lots.length - expired, expired,
  };
}

export interface ChartData {
  labels: string[];
  values: number[];
}

/** Valuation rows as chart data, largest first; rows past `limit` are put together as `others`. */
export function valuationChart(rows: ValuationRow[], limit: number, others: string, unnamed: string): ChartData {
  const sorted = [...rows].sort((a, b) => Number(b.value) - Number(a.value));
  const shown = sorted.slice(0, limit);
  const labels = shown.map((r) => r.name || r.code || unnamed);
  const values = shown.map((r) => Number(r.value));
  const rest = sorted.slice(limit);
  if (rest.length > 0) {
    labels.push(others);
    values.push(Number(format(rest.reduce<Scaled>((sum, r) => add(sum, scaled(r.value) ?? ZERO), ZERO))));
  }
  return { labels, values };
}

/** On-hand rows (item × warehouse) added up per warehouse, exactly, in the order met. */
export function quantityByWarehouse(rows: StockRow[]): { warehouse: string; quantity: string }[] {
  const sums = new Map<string, Scaled>();
  for (const r of rows) {
    const name = r.warehouse ?? r.warehouse_code ?? '';
    sums.set(name, add(sums.get(name) ?? ZERO, scaled(r.on_hand) ?? ZERO));
  }
  return [...sums].map(([warehouse, q]) => ({ warehouse, quantity: format(q) }));
}

/** A number for an axis or a tooltip in the UI's language (1,234.5 / 1,234.5; decimals as given up to `digits`). */
export function chartNumber(value: number, locale: string, digits = 2): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

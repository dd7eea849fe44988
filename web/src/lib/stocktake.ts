// Counting a stocktake: typed counts to the PUT body (and back from the server's error paths to
// the lines), one scan to one more on its line, the variance report to chart data.
import type { CountEntry, StocktakeLine, VarianceLine } from '../api/inventory';
import { parseDecimalInput } from './decimal';
import { plus } from './scan';

/** Counts typed but not saved yet, by line id. */
export type CountDrafts = Record<number, string>;

/**
 * The PUT /stocktakes/{id}/counts body from the drafts that differ from what the line holds, in
 * sheet order; `rows[i]` is the line id of `counts[i]`, to put `counts[i].counted` at its line.
 */
export function countsBody(lines: StocktakeLine[], drafts: CountDrafts): { counts: CountEntry[]; rows: number[] } {
  const counts: CountEntry[] = [];
  const rows: number[] = [];
  for (const line of lines) {
    const draft = drafts[line.id];
    if (draft === undefined) continue;
    const counted = parseDecimalInput(draft) ?? draft.trim();
    if (counted === '' || counted === line.counted) continue;
    counts.push({ line_id: line.id, counted });
    rows.push(line.id);
  }
  return { counts, rows };
}

/** The server's `counts[i].counted` (or `counts[i]`) messages by line id, through the rows sent. */
export function countErrors(errors: { field: string; message?: string; code?: string }[], rows: number[]): Record<number, string> {
  const out: Record<number, string> = {};
  for (const e of errors) {
    const m = /^counts\[(\d+)\]/.exec(e.field);
    const line = m ? rows[Number(m[1])] : undefined;
    if (line !== undefined) out[line] = e.message || e.code || '';
  }
  return out;
}

export interface ScannedCode {
  item_id: number;
  /** Stock units in one of the scanned unit ("24" for a box). */
  factor: string;
  /** A lot label's lot, "" otherwise. */
  lot_number: string;
}

/**
 * One scan while counting: one more of the scanned unit on the line of that item (of that lot when
 * the label names one; the first such line in sheet order), added to what is typed there or else
 * counted; an item not on the sheet is found goods, sent as a place to count (the server adds its line).
 */
export function scanCount(lines: StocktakeLine[], drafts: CountDrafts, scan: ScannedCode): CountEntry {
  const line = lines.find((l) => l.item_id === scan.item_id && (!scan.lot_number || l.lot_number === scan.lot_number));
  if (!line) {
    return { item_id: scan.item_id, ...(scan.lot_number ? { lot_number: scan.lot_number } : {}), counted: scan.factor };
  }
  const base = parseDecimalInput(drafts[line.id] ?? '') ?? line.counted ?? '0';
  return { line_id: line.id, counted: plus(base, scan.factor) };
}

export interface VarianceBar {
  label: string;
  value: number;
}

/** The `limit` lines differing most in value (gains and losses alike), largest first. */
export function largestDifferences(lines: VarianceLine[], limit: number): VarianceBar[] {
  return lines
    .filter((l) => (l.status === 'gain' || l.status === 'loss') && l.value !== undefined)
    .map((l) => ({ label: `${l.item_code}${l.lot_number ? `/${l.lot_number}` : ''}${l.location ? ` @${l.location}` : ''}`, value: Number(l.value) }))
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
    .slice(0, limit);
}

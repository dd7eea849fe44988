// Scans to lines. A handheld scanner types the code and Enter; GET /api/v1/stock/scan says what
// it is (an item's barcode or code, a packing unit's barcode with its factor, a lot label). In
// an entry grid one scan is one more of that item in that unit; on the receiving screen one scan
// adds one of the scanned unit to the order line of that item still expecting goods, converted
// to the line's unit (a box of 24 on a line kept in pieces adds 24).
import { parseDecimalInput } from './decimal';
import { add, compare, divideExact, format, scaled, subtract, type Scaled } from './decimalMath';
import { QUANTITY_SCALE } from './orderLines';

const ZERO: Scaled = { units: 0n, scale: 0 };
const ONE: Scaled = { units: 1n, scale: 0 };

function value(text: string): Scaled {
  return scaled(text) ?? ZERO;
}

/** A typed quantity as sent: normalised when it reads ("1,000" → "1000"), else as typed for the server to name. */
export function typed(text: string): string {
  return parseDecimalInput(text) ?? text.trim();
}

/** `text` + `more`, exact; what cannot be read counts as zero. */
export function plus(text: string, more: string): string {
  return format(add(value(text), value(more)));
}

// ---- entry grids ---------------------------------------------------------------------------

export interface ScannedLine {
  item_id: number | null;
  uom_id: number | null;
  quantity: string;
}

/**
 * One scan into an entry grid: a line of the same item and unit (and whatever else `alike` asks,
 * such as the same lot) counts one more; otherwise the scan fills the first blank line
 * (`isBlank`) or a new one made by `make` (quantity 1). Returns the lines and the row the scan
 * went to.
 */
export function mergeScan<L extends ScannedLine>(
  lines: L[],
  scanned: { item_id: number; uom_id: number | null },
  make: (base: L | null) => L,
  isBlank: (line: L) => boolean,
  alike: (line: L) => boolean = () => true,
): { lines: L[]; row: number } {
  const same = lines.findIndex((l) => l.item_id === scanned.item_id && l.uom_id === scanned.uom_id && alike(l));
  if (same >= 0) {
    const next = lines.slice();
    next[same] = { ...next[same], quantity: plus(next[same].quantity || '0', '1') };
    return { lines: next, row: same };
  }
  const blank = lines.findIndex(isBlank);
  if (blank >= 0) {
    const next = lines.slice();
    next[blank] = make(lines[blank]);
    return { lines: next, row: blank };
  }
  return { lines: [...lines, make(null)], row: lines.length };
}

// ---- receiving against an order ------------------------------------------------------------

export interface ReceivingLine {
  line_no: number;
  item_id: number;
  item_code: string;
  item_name: string;
  unit: string;
  uom_id: number;
  /** Stock units in one of the line's unit. */
  factor: string;
  ordered: string;
  received: string;
  returned: string;
  /** Arriving now, in the line's unit (empty: nothing). */
  quantity: string;
  rejected: string;
  reject_reason: string;
  lot_number: string;
  produced_on: string;
  expires_on: string;
}

/** Still expected before this receipt: ordered − (received − returned). */
export function expectedQuantity(line: Pick<ReceivingLine, 'ordered' | 'received' | 'returned'>): string {
  return format(subtract(value(line.ordered), subtract(value(line.received), value(line.returned))));
}

/** Still expected after what this receipt has so far (negative: more than ordered). */
export function openQuantity(line: ReceivingLine): string {
  return format(subtract(value(expectedQuantity(line)), value(line.quantity)));
}

/**
 * How much of a line's unit one scan is: the scanned unit's factor over the line's (a box of 24
 * on a line in pieces is 24; a piece on a line in boxes of 24 is 1/24, which has no exact
 * decimal and gives null, as does anything beyond four decimals).
 */
export function perScan(scanFactor: string, lineFactor: string): string | null {
  const per = divideExact(value(scanFactor), value(lineFactor), QUANTITY_SCALE);
  return per === null ? null : format(per);
}

export type ScanMatch =
  | { row: number; add: string; over: boolean }
  | { problem: 'not_on_order' | 'unit_mismatch' };

/**
 * The order line a scan counts on: of the lines of the scanned item, the first one still
 * expecting goods in the scanned unit, else the first still expecting any, else (over-receipt,
 * `over`) the first one of the item the scan converts into.
 */
export function matchScan(lines: ReceivingLine[], scan: { item_id: number; uom_id: number | null; factor: string }): ScanMatch {
  const candidates = lines
    .map((line, row) => ({ line, row, add: perScan(scan.factor, line.factor) }))
    .filter((c) => c.line.item_id === scan.item_id);
  if (!candidates.length) return { problem: 'not_on_order' };
  const usable = candidates.filter((c) => c.add !== null);
  if (!usable.length) return { problem: 'unit_mismatch' };
  const open = usable.filter((c) => compare(value(openQuantity(c.line)), ZERO) > 0);
  const sameUnit = open.find((c) => (scan.uom_id === null ? compare(value(c.line.factor), ONE) === 0 : c.line.uom_id === scan.uom_id));
  const chosen = sameUnit ?? open[0] ?? usable[0];
  const after = subtract(value(openQuantity(chosen.line)), value(chosen.add!));
  return { row: chosen.row, add: chosen.add!, over: after.units < 0n };
}

/** Applies a scan: the matched line's quantity goes up by one scanned unit. */
export function applyScan(
  lines: ReceivingLine[],
  scan: { item_id: number; uom_id: number | null; factor: string },
): { lines: ReceivingLine[]; row: number; add: string; over: boolean } | { problem: 'not_on_order' | 'unit_mismatch' } {
  const match = matchScan(lines, scan);
  if ('problem' in match) return match;
  const next = lines.slice();
  next[match.row] = { ...next[match.row], quantity: plus(next[match.row].quantity || '0', match.add) };
  return { lines: next, row: match.row, add: match.add, over: match.over };
}

/** A lot label's lot number: what follows the last "/" of "<item code>/<lot>". */
export function lotOfLabel(code: string): string {
  const slash = code.lastIndexOf('/');
  return slash > 0 && slash < code.length - 1 ? code.slice(slash + 1) : '';
}

export interface ReceiptHeader {
  date: string;
  quarantine_warehouse_id: number | null;
  note: string;
}

/**
 * The POST …/{id}/receipts body: the lines with something arriving (`rows[i]` the screen's row
 * of body line i), rejected, reason, lot and dates only where given.
 */
export function receiptBody(header: ReceiptHeader, lines: ReceivingLine[]): { body: Record<string, unknown>; rows: number[] } {
  const rows: number[] = [];
  const sent: Record<string, unknown>[] = [];
  lines.forEach((line, row) => {
    if (!line.quantity.trim() || compare(value(line.quantity), ZERO) === 0) return;
    const out: Record<string, unknown> = { line_no: line.line_no, quantity: typed(line.quantity) };
    if (line.rejected.trim() && compare(value(line.rejected), ZERO) !== 0) out.rejected = typed(line.rejected);
    if (line.reject_reason.trim()) out.reject_reason = line.reject_reason.trim();
    if (line.lot_number.trim()) out.lot_number = line.lot_number.trim();
    if (line.produced_on) out.produced_on = line.produced_on;
    if (line.expires_on) out.expires_on = line.expires_on;
    rows.push(row);
    sent.push(out);
  });
  const body: Record<string, unknown> = { date: header.date, lines: sent };
  if (header.quarantine_warehouse_id) body.quarantine_warehouse_id = header.quarantine_warehouse_id;
  if (header.note.trim()) body.note = header.note.trim();
  return { body, rows };
}

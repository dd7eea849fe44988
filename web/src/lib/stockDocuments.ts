// The warehouse's own documents (库存单据: other receipt, other issue, adjustment with a reason,
// transfer, scrap) as a line grid: the checks the browser can make (quantities positive, an
// adjustment's signed and never zero, four decimals at most), a receipt line's value at the unit
// cost typed (per stock unit, to the cent), the body of POST /api/v1/stock-documents and the
// server's errors at their cells.
import type { Problem } from '../api/problem';
import type { StockKind } from '../api/purchasing';
import { multiply, rescale, scaled } from './decimalMath';
import { linesProblem, type FieldErrors } from './lineErrors';
import {
  decimalProblem, itemFields, lineKey, PRICE_SCALE, QUANTITY_SCALE, type DecimalProblem, type ItemLineDraft,
} from './orderLines';
import { typed } from './scan';

export interface StockLineDraft extends ItemLineDraft {
  lot_tracked: boolean;
  quantity: string;
  lot_number: string;
  produced_on: string;
  expires_on: string;
  unit_cost: string;
}

export function blankStockLine(): StockLineDraft {
  return { key: lineKey(), ...itemFields(null), lot_tracked: false, quantity: '', lot_number: '', produced_on: '', expires_on: '', unit_cost: '' };
}

export function isBlankStockLine(line: StockLineDraft): boolean {
  return line.item_id === null && !line.quantity.trim();
}

/** Adjustments and scrap must give a reason; a transfer names where the goods go. */
export const needsReason = (kind: StockKind | string) => kind === 'adjustment' || kind === 'scrap';
/** Goods coming in may carry a new lot with its dates and a unit cost. */
export const bringsGoodsIn = (kind: StockKind | string) => kind === 'receipt' || kind === 'adjustment';

/** A quantity as the kind takes it: positive, or for an adjustment signed and never zero. */
export function stockQuantityProblem(kind: StockKind | string, text: string): DecimalProblem | null {
  if (kind !== 'adjustment') return decimalProblem(text, { scale: QUANTITY_SCALE, positive: true });
  const negative = text.trim().startsWith('-');
  const problem = decimalProblem(negative ? text.trim().slice(1) : text, { scale: QUANTITY_SCALE, positive: true });
  return problem === 'negative' ? 'invalid' : problem;
}

function factorOf(line: StockLineDraft): string {
  return line.units.find((u) => u.uom_id === line.uom_id)?.factor ?? '1';
}

/** A receipt line's value in cents: quantity in stock units × unit cost, to the cent; null without a cost. */
export function stockLineValue(line: StockLineDraft): bigint | null {
  const quantity = scaled(line.quantity);
  const cost = scaled(line.unit_cost);
  const factor = scaled(factorOf(line));
  if (!line.unit_cost.trim() || quantity === null || cost === null || factor === null) return null;
  return rescale(multiply(multiply(quantity, factor), cost), 2);
}

export interface StockHeaderDraft {
  kind: StockKind;
  date: string;
  warehouse_id: number | null;
  to_warehouse_id: number | null;
  reason: string;
  note: string;
}

export const STOCK_HEADER_FIELDS = ['kind', 'date', 'warehouse_id', 'to_warehouse_id', 'reason', 'note'];

export function stockDocumentBody(
  header: StockHeaderDraft,
  lines: StockLineDraft[],
  messages: Record<DecimalProblem | 'item_required', string>,
): { body: Record<string, unknown>; rows: number[]; invalid: FieldErrors } {
  const rows: number[] = [];
  const sent: Record<string, unknown>[] = [];
  const invalid: FieldErrors = {};
  const incoming = bringsGoodsIn(header.kind);
  lines.forEach((line, row) => {
    if (isBlankStockLine(line)) return;
    if (line.item_id === null) invalid[`lines[${row}].item`] = [messages.item_required];
    const q = stockQuantityProblem(header.kind, line.quantity);
    if (q) invalid[`lines[${row}].quantity`] = [messages[q]];
    const out: Record<string, unknown> = { quantity: typed(line.quantity) };
    if (line.item_id !== null) out.item_id = line.item_id;
    if (line.uom_id !== null) out.uom_id = line.uom_id;
    if (line.lot_number.trim()) out.lot_number = line.lot_number.trim();
    if (incoming && line.produced_on) out.produced_on = line.produced_on;
    if (incoming && line.expires_on) out.expires_on = line.expires_on;
    if (header.kind === 'receipt' && line.unit_cost.trim()) {
      const c = decimalProblem(line.unit_cost, { scale: PRICE_SCALE });
      if (c) invalid[`lines[${row}].unit_cost`] = [messages[c]];
      out.unit_cost = typed(line.unit_cost);
    }
    rows.push(row);
    sent.push(out);
  });
  const body: Record<string, unknown> = { kind: header.kind, date: header.date, lines: sent };
  if (header.warehouse_id) body.warehouse_id = header.warehouse_id;
  if (header.kind === 'transfer' && header.to_warehouse_id) body.to_warehouse_id = header.to_warehouse_id;
  if (header.reason) body.reason = header.reason;
  if (header.note.trim()) body.note = header.note.trim();
  return { body, rows, invalid };
}

export function stockProblem(problem: Problem, rows: number[]) {
  return linesProblem(problem, rows, STOCK_HEADER_FIELDS, { item_id: 'item', uom_id: 'unit', lot: 'lot_number', lot_id: 'lot_number' });
}

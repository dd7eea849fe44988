// The purchase order's line grid as pure functions: each line's amount (quantity × price, to the
// cent), tax (amount × rate, to the cent) and total as the server computes them (half away from
// zero, in BigInt cents), the order's totals, the checks the browser can make, the body of
// POST /api/v1/purchase-orders and PUT …/{id}/lines, and the server's errors back at their cells.
import type { ItemChoice, UnitChoice } from '../api/items';
import type { OrderLine } from '../api/purchasing';
import type { Problem } from '../api/problem';
import { parseDecimalInput } from './decimal';
import { centsTimesRate, format, productCents, scaled } from './decimalMath';
import { linesProblem, type FieldErrors } from './lineErrors';
import { centsToDecimal } from './voucherGrid';

/** Quantities carry at most four decimals (inventory's kQuantityScale), prices six, rates four. */
export const QUANTITY_SCALE = 4;
export const PRICE_SCALE = 6;

/** What a line of any supply grid knows of its item. */
export interface ItemLineDraft {
  key: string;
  item_id: number | null;
  item_code: string;
  item_name: string;
  /** The unit the quantity is in; null for the item's stock unit. */
  uom_id: number | null;
  units: UnitChoice[];
}

/** A line's item fields for the item picked (in `uom`, default its stock unit), or cleared. */
export function itemFields(item: ItemChoice | null, uom?: number | null): Omit<ItemLineDraft, 'key'> {
  if (!item) return { item_id: null, item_code: '', item_name: '', uom_id: null, units: [] };
  return { item_id: item.id, item_code: item.code, item_name: item.name, uom_id: uom === undefined ? item.units[0]?.uom_id ?? null : uom, units: item.units };
}

export interface OrderLineDraft extends ItemLineDraft {
  quantity: string;
  price: string;
  tax_rate: string;
}

let counter = 0;
export function lineKey(): string {
  counter += 1;
  return `k${Date.now().toString(36)}${counter}`;
}

export function blankOrderLine(taxRate = '0.13'): OrderLineDraft {
  return { key: lineKey(), ...itemFields(null), quantity: '', price: '', tax_rate: taxRate };
}

export function isBlankOrderLine(line: OrderLineDraft): boolean {
  return line.item_id === null && !line.quantity.trim() && !line.price.trim();
}

/** The saved lines of an order as grid lines. */
export function linesFromOrder(lines: OrderLine[]): OrderLineDraft[] {
  return lines.map((l) => ({
    key: lineKey(), item_id: l.item_id, item_code: l.item_code, item_name: l.item_name, uom_id: l.uom_id,
    units: [{ uom_id: l.uom_id, name: l.unit, factor: plain(l.factor) }], quantity: l.quantity, price: l.price, tax_rate: plain(l.tax_rate),
  }));
}

/** A decimal without trailing zeros ("0.1300" → "0.13", "24.000000" → "24"); what does not read stays as it is. */
export function plain(text: string): string {
  const value = scaled(text);
  return value ? format(value) : text;
}

// ---- checks --------------------------------------------------------------------------------

export type DecimalProblem = 'invalid' | 'not_positive' | 'negative' | 'too_precise';

/** A decimal typed into a cell, checked as the server checks it; null when it is fine. */
export function decimalProblem(text: string, options: { scale: number; positive?: boolean }): DecimalProblem | null {
  const value = scaled(text);
  if (value === null) return 'invalid';
  if (value.units < 0n) return 'negative';
  if (options.positive && value.units === 0n) return 'not_positive';
  // As typed: the server counts "1.00000" as five decimals too.
  if (value.scale > options.scale) return 'too_precise';
  return null;
}

export const quantityProblem = (text: string) => decimalProblem(text, { scale: QUANTITY_SCALE, positive: true });
export const priceProblem = (text: string) => decimalProblem(text, { scale: PRICE_SCALE });

// ---- figures -------------------------------------------------------------------------------

export interface LineFigures {
  amount: bigint;
  tax: bigint;
  total: bigint;
}

/**
 * A line's amount, tax and total in cents: amount = quantity × price rounded once to the cent,
 * tax = amount × rate rounded to the cent (the server's order of rounding); null while the
 * quantity, price or rate cannot be read.
 */
export function lineFigures(quantity: string, price: string, rate: string): LineFigures | null {
  if (quantityProblem(quantity) || priceProblem(price)) return null;
  const r = scaled(rate);
  const amount = productCents(quantity, price);
  if (amount === null || r === null || r.units < 0n) return null;
  const tax = centsTimesRate(amount, r);
  return { amount, tax, total: amount + tax };
}

export interface OrderTotals {
  amount: string;
  tax: string;
  total: string;
  /** Some non-blank line cannot be figured yet; the totals leave it out. */
  incomplete: boolean;
}

export function orderTotals(lines: Pick<OrderLineDraft, 'quantity' | 'price' | 'tax_rate' | 'item_id'>[]): OrderTotals {
  return sumFigures(lines, (l) => l.item_id === null && !l.quantity.trim() && !l.price.trim(), (l) => lineFigures(l.quantity, l.price, l.tax_rate));
}

/** The totals of any order grid: each non-blank line's figures added in cents; one that cannot be figured yet is left out and flagged. */
export function sumFigures<L>(lines: L[], isBlank: (line: L) => boolean, figures: (line: L) => LineFigures | null): OrderTotals {
  let amount = 0n;
  let tax = 0n;
  let incomplete = false;
  for (const line of lines) {
    if (isBlank(line)) continue;
    const f = figures(line);
    if (!f) {
      incomplete = true;
      continue;
    }
    amount += f.amount;
    tax += f.tax;
  }
  return { amount: centsToDecimal(amount), tax: centsToDecimal(tax), total: centsToDecimal(amount + tax), incomplete };
}

// ---- saving --------------------------------------------------------------------------------

export interface OrderHeaderDraft {
  supplier_id: number | null;
  order_date: string;
  expected_date: string;
  warehouse_id: number | null;
  payment_term_id: number | null;
  terms: string;
  notes: string;
}

/** The header as the entity takes it: empty optional fields left out (create) or cleared (null). */
export function headerBody(header: OrderHeaderDraft, clearEmpty: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const put = (key: string, value: unknown) => {
    if (value !== null && value !== '') body[key] = value;
    else if (clearEmpty) body[key] = null;
  };
  put('supplier_id', header.supplier_id);
  put('order_date', header.order_date);
  put('expected_date', header.expected_date);
  put('warehouse_id', header.warehouse_id);
  put('payment_term_id', header.payment_term_id);
  put('terms', header.terms.trim());
  put('notes', header.notes.trim());
  return body;
}

export const HEADER_FIELDS = ['supplier_id', 'order_date', 'expected_date', 'warehouse_id', 'payment_term_id', 'terms', 'notes'];

/** What the browser can tell is wrong with a priced line (item, quantity, price), at "lines[row].column". */
export function priceLineProblems(
  line: Pick<OrderLineDraft, 'item_id' | 'quantity' | 'price'>,
  row: number,
  messages: Record<DecimalProblem | 'item_required', string>,
): FieldErrors {
  const invalid: FieldErrors = {};
  if (line.item_id === null) invalid[`lines[${row}].item`] = [messages.item_required];
  const q = quantityProblem(line.quantity);
  if (q) invalid[`lines[${row}].quantity`] = [messages[q]];
  const p = line.price.trim() ? priceProblem(line.price) : null;
  if (p) invalid[`lines[${row}].price`] = [messages[p]];
  return invalid;
}

/**
 * The lines to send (blank rows left out, `rows[i]` the grid row of body line i) and what the
 * browser already knows is wrong, at "lines[row].column" with the message `messages[problem]`.
 */
export function orderLinesBody(
  lines: OrderLineDraft[],
  messages: Record<DecimalProblem | 'item_required', string>,
): { lines: Record<string, unknown>[]; rows: number[]; invalid: FieldErrors } {
  const rows: number[] = [];
  const out: Record<string, unknown>[] = [];
  const invalid: FieldErrors = {};
  lines.forEach((line, row) => {
    if (isBlankOrderLine(line)) return;
    Object.assign(invalid, priceLineProblems(line, row, messages));
    const body: Record<string, unknown> = {
      quantity: parseDecimalInput(line.quantity) ?? line.quantity.trim(),
      price: parseDecimalInput(line.price) ?? line.price.trim(),
      tax_rate: line.tax_rate,
    };
    if (line.item_id !== null) body.item_id = line.item_id;
    if (line.uom_id !== null) body.uom_id = line.uom_id;
    rows.push(row);
    out.push(body);
  });
  return { lines: out, rows, invalid };
}

/** Line fields the server names, at the grid's cells. */
export const ORDER_LINE_ALIASES = { item_id: 'item', uom_id: 'unit' };

export function orderProblem(problem: Problem, rows: number[]) {
  return linesProblem(problem, rows, HEADER_FIELDS, ORDER_LINE_ALIASES);
}

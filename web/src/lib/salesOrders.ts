// The sales order's line grid as pure functions: each line's amount (quantity × price ×
// (1 − discount), rounded once to the cent), tax (amount × rate, to the cent) and total as the
// server computes them (half away from zero, in BigInt cents), the order's totals, the discount
// typed as a percentage and sent as a fraction, available-to-promise against the line's quantity,
// the credit panel's figures with this order counted in, and the body of POST /sales-orders and
// PUT …/{id}/lines with the server's errors back at their cells.
import type { Credit, SalesOrderLine } from '../api/sales';
import type { Problem } from '../api/problem';
import { parseDecimalInput } from './decimal';
import { compare, multiply, rescale, scaled, subtract, type Scaled } from './decimalMath';
import { linesProblem, type FieldErrors } from './lineErrors';
import {
  decimalProblem, isBlankOrderLine, itemFields, lineKey, plain, priceLineProblems, priceProblem, quantityProblem, sumFigures,
  type DecimalProblem, type ItemLineDraft, type LineFigures, type OrderTotals,
} from './orderLines';
import { centsToDecimal } from './voucherGrid';

export interface SalesLineDraft extends ItemLineDraft {
  quantity: string;
  /** The unit price; filled from the price lists while `price_auto`, else as typed. */
  price: string;
  /** The price came from GET /sales/price (the user left it empty): a new quantity or unit asks again. */
  price_auto: boolean;
  /** The discount as a percentage ("5" is 5 %), empty for none. */
  discount: string;
  tax_rate: string;
}

export function blankSalesLine(taxRate = '0.13'): SalesLineDraft {
  return { key: lineKey(), ...itemFields(null), quantity: '', price: '', price_auto: false, discount: '', tax_rate: taxRate };
}

export const isBlankSalesLine = (line: SalesLineDraft) => isBlankOrderLine(line) && !line.discount.trim();

/** A fraction as a percentage: "0.05" → "5", "0.125" → "12.5", "0" → "". */
export function percentOf(fraction: string): string {
  const value = scaled(fraction);
  if (!value || value.units === 0n) return '';
  return plain(shift(value, 2));
}

/** A percentage as the fraction the server takes: "5" → "0.05"; null when it is not a decimal. */
export function fractionOf(percent: string): string | null {
  const value = scaled(percent);
  return value ? plain(shift(value, -2)) : null;
}

/** value × 10^places as decimal text, exactly. */
function shift(value: Scaled, places: number): string {
  const moved: Scaled = places >= 0 ? { units: value.units * 10n ** BigInt(places), scale: value.scale } : { units: value.units, scale: value.scale - places };
  const negative = moved.units < 0n;
  const digits = (negative ? -moved.units : moved.units).toString().padStart(moved.scale + 1, '0');
  const whole = digits.slice(0, digits.length - moved.scale);
  const fraction = digits.slice(digits.length - moved.scale);
  return `${negative ? '-' : ''}${whole}${moved.scale ? '.' + fraction : ''}`;
}

/** A discount percentage as the server checks the fraction: 0 to 100, at most four decimals of the fraction. */
export function discountProblem(percent: string): DecimalProblem | 'too_large' | null {
  if (!percent.trim()) return null;
  const problem = decimalProblem(percent, { scale: 2 });
  if (problem) return problem;
  return compare(scaled(percent)!, { units: 100n, scale: 0 }) > 0 ? 'too_large' : null;
}

/**
 * A line's amount, tax and total in cents: amount = quantity × price × (1 − discount) rounded
 * once to the cent, tax = amount × rate rounded to the cent; null while something cannot be read.
 */
export function salesLineFigures(quantity: string, price: string, discountPercent: string, rate: string): LineFigures | null {
  if (quantityProblem(quantity) || priceProblem(price) || discountProblem(discountPercent)) return null;
  const q = scaled(quantity)!;
  const p = scaled(price)!;
  const r = scaled(rate);
  if (r === null || r.units < 0n) return null;
  const discount = discountPercent.trim() ? scaled(fractionOf(discountPercent)!)! : { units: 0n, scale: 0 };
  const net = subtract({ units: 1n, scale: 0 }, discount);
  const amount = rescale(multiply(multiply(q, p), net), 2);
  const tax = rescale(multiply({ units: amount, scale: 2 }, r), 2);
  return { amount, tax, total: amount + tax };
}

export function salesTotals(lines: SalesLineDraft[]): OrderTotals {
  return sumFigures(lines, isBlankSalesLine, (l) => salesLineFigures(l.quantity, l.price, l.discount, l.tax_rate));
}

/** The saved lines of an order as grid lines (prices as saved, not asked again). */
export function salesLinesFromOrder(lines: SalesOrderLine[]): SalesLineDraft[] {
  return lines.map((l) => ({
    key: lineKey(), item_id: l.item_id, item_code: l.item_code, item_name: l.item_name, uom_id: l.uom_id,
    units: [{ uom_id: l.uom_id, name: l.unit, factor: plain(l.factor) }], quantity: plain(l.quantity), price: plain(l.price),
    price_auto: false, discount: percentOf(l.discount), tax_rate: plain(l.tax_rate),
  }));
}

// ---- while typing ------------------------------------------------------------------------

/** Whether the price should be asked of the price lists: an item, a readable quantity, and no price of the user's own. */
export function wantsPrice(line: SalesLineDraft): boolean {
  return line.item_id !== null && (line.price_auto || !line.price.trim()) && quantityProblem(line.quantity) === null;
}

/** The stock units a line asks for (quantity × the unit's factor); null while the quantity cannot be read. */
export function stockQuantity(line: Pick<SalesLineDraft, 'quantity' | 'uom_id' | 'units'>): Scaled | null {
  if (quantityProblem(line.quantity)) return null;
  const unit = line.units.find((u) => u.uom_id === line.uom_id) ?? line.units[0];
  const factor = scaled(unit?.factor ?? '1') ?? { units: 1n, scale: 0 };
  return multiply(scaled(line.quantity)!, factor);
}

/** The line asks for more than is available to promise (both in stock units). */
export function beyondAvailable(line: Pick<SalesLineDraft, 'quantity' | 'uom_id' | 'units'>, available: string | undefined): boolean {
  const wanted = stockQuantity(line);
  const atp = available === undefined ? null : scaled(available);
  return wanted !== null && atp !== null && compare(wanted, atp) > 0;
}

export interface CreditView {
  limit: string;
  /** What the customer owes and has ordered, this order included. */
  exposure: string;
  /** The limit less the exposure; empty when no limit is set (a limit of 0). */
  available: string;
  overdue: string;
  overdueInvoices: number;
  overLimit: boolean;
  blocked: boolean;
}

/**
 * The credit panel: the server's exposure of the customer (without this order, as asked without
 * an order id) plus this order's total, against the limit (0 means none). Over the limit, or with
 * an invoice overdue, the order needs a credit approval (需信用审批).
 */
export function creditView(credit: Credit, orderTotal: string): CreditView {
  const cents = (text: string) => rescale(scaled(text) ?? { units: 0n, scale: 0 }, 2);
  const limit = cents(credit.credit_limit);
  const exposure = cents(credit.exposure) + cents(orderTotal);
  const overLimit = limit > 0n && exposure > limit;
  return {
    limit: centsToDecimal(limit),
    exposure: centsToDecimal(exposure),
    available: limit > 0n ? centsToDecimal(limit - exposure) : '',
    overdue: centsToDecimal(cents(credit.overdue_amount)),
    overdueInvoices: credit.overdue_invoices,
    overLimit,
    blocked: overLimit || credit.overdue,
  };
}

// ---- saving --------------------------------------------------------------------------------

export interface SalesHeaderDraft {
  customer_id: number | null;
  order_date: string;
  delivery_date: string;
  warehouse_id: number | null;
  customer_po: string;
  notes: string;
}

export const SALES_HEADER_FIELDS = ['customer_id', 'order_date', 'delivery_date', 'warehouse_id', 'customer_po', 'notes', 'valid_until'];

/** The header as POST /sales-orders takes it, empty fields left out (or, for a PATCH, cleared to null). */
export function salesHeaderBody(header: SalesHeaderDraft, clearEmpty = false): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(header)) {
    const v = typeof value === 'string' ? value.trim() : value;
    if (v !== null && v !== '') body[key] = v;
    else if (clearEmpty) body[key] = null;
  }
  return body;
}

export type LineMessages = Record<DecimalProblem | 'item_required' | 'too_large', string>;

/**
 * The lines to send (blank rows left out, `rows[i]` the grid row of body line i) and what the
 * browser already knows is wrong. An empty price is left out: the server takes the price lists'.
 */
export function salesLinesBody(lines: SalesLineDraft[], messages: LineMessages): { lines: Record<string, unknown>[]; rows: number[]; invalid: FieldErrors } {
  const rows: number[] = [];
  const out: Record<string, unknown>[] = [];
  const invalid: FieldErrors = {};
  lines.forEach((line, row) => {
    if (isBlankSalesLine(line)) return;
    Object.assign(invalid, priceLineProblems(line, row, messages));
    const d = discountProblem(line.discount);
    if (d) invalid[`lines[${row}].discount`] = [messages[d]];
    const body: Record<string, unknown> = { quantity: parseDecimalInput(line.quantity) ?? line.quantity.trim(), tax_rate: line.tax_rate };
    if (line.item_id !== null) body.item_id = line.item_id;
    if (line.uom_id !== null) body.uom_id = line.uom_id;
    if (line.price.trim()) body.price = parseDecimalInput(line.price) ?? line.price.trim();
    // With a price of the price lists its discount goes along; a typed price has none unless typed.
    if (line.discount.trim()) body.discount = fractionOf(line.discount) ?? line.discount.trim();
    else if (line.price.trim()) body.discount = '0';
    rows.push(row);
    out.push(body);
  });
  return { lines: out, rows, invalid };
}

export function salesOrderProblem(problem: Problem, rows: number[]) {
  // A quotation saved from the entry page names its date quote_date: it is the order date's field.
  const errors = problem.errors?.map((e) => (e.field === 'quote_date' ? { ...e, field: 'order_date' } : e));
  return linesProblem({ ...problem, errors }, rows, SALES_HEADER_FIELDS, { item_id: 'item', uom_id: 'unit', item: 'item' });
}

/**
 * The same entry saved as a quotation (POST /api/v1/quotations): the order date is the quote's
 * date, `validUntil` its validity; a customer PO and delivery date belong to orders only.
 */
export function quotationBody(header: SalesHeaderDraft, validUntil: string, lines: Record<string, unknown>[]): Record<string, unknown> {
  const body: Record<string, unknown> = { quote_date: header.order_date, lines };
  if (header.customer_id !== null) body.customer_id = header.customer_id;
  if (header.warehouse_id !== null) body.warehouse_id = header.warehouse_id;
  if (validUntil) body.valid_until = validUntil;
  if (header.notes.trim()) body.notes = header.notes.trim();
  return body;
}

// ---- returns -------------------------------------------------------------------------------

export interface SalesReturnRow {
  line_no: number;
  item: string;
  unit: string;
  shipped: string;
  returned: string;
  /** Shipped and not yet back: the most the customer can return. */
  returnable: string;
  quantity: string;
}

/** The order's lines that shipped something not yet returned, the quantity to take back left empty. */
export function salesReturnRows(lines: SalesOrderLine[]): SalesReturnRow[] {
  return lines
    .map((l) => ({
      line_no: l.line_no, item: `${l.item_code} ${l.item_name}`, unit: l.unit, shipped: l.shipped, returned: l.returned,
      returnable: plain(formatScaled(subtract(scaled(l.shipped) ?? zero, scaled(l.returned) ?? zero))), quantity: '',
    }))
    .filter((r) => compare(scaled(r.returnable)!, zero) > 0);
}

const zero: Scaled = { units: 0n, scale: 0 };
const formatScaled = (value: Scaled) => shift(value, 0);

/** POST …/{id}/returns: the rows with a quantity (`rows[i]` the drawer row of body line i). */
export function salesReturnBody(
  header: { date: string; warehouse_id: number | null; reason: string; refund: boolean },
  rows: SalesReturnRow[],
): { body: Record<string, unknown>; rows: number[] } {
  const sent: number[] = [];
  const lines: Record<string, unknown>[] = [];
  rows.forEach((r, i) => {
    if (!r.quantity.trim()) return;
    sent.push(i);
    lines.push({ line_no: r.line_no, quantity: parseDecimalInput(r.quantity) ?? r.quantity.trim() });
  });
  const body: Record<string, unknown> = { date: header.date, reason: header.reason.trim(), refund: header.refund, lines };
  if (header.warehouse_id !== null) body.warehouse_id = header.warehouse_id;
  return { body, rows: sent };
}

// ---- deliveries ----------------------------------------------------------------------------

export interface DeliveryRow {
  order_id: number;
  line_no: number;
  item: string;
  unit: string;
  /** Still to ship and not on a delivery being picked. */
  open: string;
  reserved: string;
  quantity: string;
}

/** An order's lines still open for a delivery, each proposed in full. */
export function deliveryRows(order: { id: number; lines: SalesOrderLine[] }): DeliveryRow[] {
  return order.lines
    .map((l) => {
      const open = subtract(scaled(l.backorder) ?? zero, scaled(l.picking) ?? zero);
      const text = plain(formatScaled(open));
      return { order_id: order.id, line_no: l.line_no, item: `${l.item_code} ${l.item_name}`, unit: l.unit, open: text, reserved: l.reserved, quantity: text };
    })
    .filter((r) => compare(scaled(r.open)!, zero) > 0);
}

/** POST /api/v1/deliveries: the rows with a quantity (`rows[i]` the row of body line i). */
export function deliveryBody(
  header: { date: string; carrier: string; tracking_number: string },
  rows: DeliveryRow[],
): { body: Record<string, unknown>; rows: number[] } {
  const sent: number[] = [];
  const lines: Record<string, unknown>[] = [];
  rows.forEach((r, i) => {
    const q = parseDecimalInput(r.quantity);
    if (!r.quantity.trim() || (q !== null && compare(scaled(q)!, zero) === 0)) return;
    sent.push(i);
    lines.push({ order_id: r.order_id, line_no: r.line_no, quantity: q ?? r.quantity.trim() });
  });
  const body: Record<string, unknown> = { date: header.date, lines };
  if (header.carrier.trim()) body.carrier = header.carrier.trim();
  if (header.tracking_number.trim()) body.tracking_number = header.tracking_number.trim();
  return { body, rows: sent };
}

// ---- invoicing -----------------------------------------------------------------------------

/** Overdue: past its due date (ISO dates compare as text) with something still open. */
export function isOverdue(invoice: { due_date: string | null; open: string }, today: string): boolean {
  const open = scaled(invoice.open);
  return !!invoice.due_date && invoice.due_date < today && open !== null && compare(open, zero) > 0;
}

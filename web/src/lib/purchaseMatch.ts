// An order's supplier invoice and returns, line by line against what was ordered and received
// (三单匹配, three-way match): what each line may still be invoiced (received net of returns, less
// what is already invoiced), this invoice's quantity and price against the order price, the
// amount and tax of each line as the server computes them, and the bodies of
// POST …/{id}/invoices and …/{id}/returns.
import type { OrderLine } from '../api/purchasing';
import { compare, format, scaled, subtract, type Scaled } from './decimalMath';
import { lineFigures } from './orderLines';
import { typed } from './scan';
import { centsToDecimal } from './voucherGrid';

const ZERO: Scaled = { units: 0n, scale: 0 };
const value = (text: string): Scaled => scaled(text) ?? ZERO;

export interface MatchRow {
  line_no: number;
  item: string;
  unit: string;
  ordered: string;
  /** Received net of returns. */
  received: string;
  invoiced: string;
  /** Received and not yet invoiced. */
  open: string;
  order_price: string;
  tax_rate: string;
  /** This invoice. */
  quantity: string;
  price: string;
}

/** Received net of returns: what the supplier may bill. */
export function netReceived(line: Pick<OrderLine, 'received' | 'returned'>): string {
  return format(subtract(value(line.received), value(line.returned)));
}

/** The rows of the invoice drawer: this invoice proposes what is open of each line at the order price. */
export function matchRows(lines: OrderLine[]): MatchRow[] {
  return lines.map((l) => {
    const received = netReceived(l);
    const open = format(subtract(value(received), value(l.invoiced)));
    return {
      line_no: l.line_no, item: `${l.item_code} ${l.item_name}`, unit: l.unit, ordered: l.quantity, received,
      invoiced: l.invoiced, open, order_price: l.price, tax_rate: l.tax_rate,
      quantity: compare(value(open), ZERO) > 0 ? open : '', price: l.price,
    };
  });
}

/** Whether this invoice's price differs from the order's (the server allows the price tolerance). */
export function priceDiffers(row: MatchRow): boolean {
  const price = scaled(row.price);
  return price !== null && compare(price, value(row.order_price)) !== 0;
}

/** Whether this invoice bills more than is received and not yet invoiced (the quantity tolerance may allow some). */
export function beyondReceived(row: MatchRow): boolean {
  const quantity = scaled(row.quantity);
  return quantity !== null && compare(quantity, value(row.open)) > 0;
}

function billed(row: MatchRow): boolean {
  return !!row.quantity.trim() && compare(value(row.quantity), ZERO) !== 0;
}

export function matchTotals(rows: MatchRow[]): { amount: string; tax: string; total: string } {
  let amount = 0n;
  let tax = 0n;
  for (const row of rows) {
    if (!billed(row)) continue;
    const f = lineFigures(row.quantity, row.price || row.order_price, row.tax_rate);
    if (!f) continue;
    amount += f.amount;
    tax += f.tax;
  }
  return { amount: centsToDecimal(amount), tax: centsToDecimal(tax), total: centsToDecimal(amount + tax) };
}

export interface InvoiceHeader {
  number: string;
  date: string;
  due_date: string;
}

/** The invoice's body: the billed lines (`rows[i]` the drawer's row of body line i); a price only where it is not the order's. */
export function matchInvoiceBody(header: InvoiceHeader, rows: MatchRow[]): { body: Record<string, unknown>; rows: number[] } {
  const sentRows: number[] = [];
  const lines: Record<string, unknown>[] = [];
  rows.forEach((row, i) => {
    if (!billed(row)) return;
    const line: Record<string, unknown> = { line_no: row.line_no, quantity: typed(row.quantity) };
    if (row.price.trim() && priceDiffers(row)) line.price = typed(row.price);
    sentRows.push(i);
    lines.push(line);
  });
  const body: Record<string, unknown> = { number: header.number.trim(), date: header.date, lines };
  if (header.due_date) body.due_date = header.due_date;
  return { body, rows: sentRows };
}

export interface ReturnRow {
  line_no: number;
  item: string;
  unit: string;
  /** Received net of returns: what may go back from the receiving warehouse. */
  received: string;
  /** Refused by the quality check: what a quarantine warehouse may hold (less what already went back). */
  rejected: string;
  quantity: string;
  lot_number: string;
}

/** The return drawer's rows, nothing proposed: the server knows what each warehouse still holds. */
export function returnRows(lines: OrderLine[]): ReturnRow[] {
  return lines.map((l) => ({
    line_no: l.line_no, item: `${l.item_code} ${l.item_name}`, unit: l.unit, received: netReceived(l), rejected: l.rejected,
    quantity: '', lot_number: '',
  }));
}

export function returnBody(header: { date: string; warehouse_id: number | null; reason: string }, rows: ReturnRow[]): { body: Record<string, unknown>; rows: number[] } {
  const sentRows: number[] = [];
  const lines: Record<string, unknown>[] = [];
  rows.forEach((row, i) => {
    if (!row.quantity.trim() || compare(value(row.quantity), ZERO) === 0) return;
    const line: Record<string, unknown> = { line_no: row.line_no, quantity: typed(row.quantity) };
    if (row.lot_number.trim()) line.lot_number = row.lot_number.trim();
    sentRows.push(i);
    lines.push(line);
  });
  const body: Record<string, unknown> = { date: header.date, reason: header.reason.trim(), lines };
  if (header.warehouse_id) body.warehouse_id = header.warehouse_id;
  return { body, rows: sentRows };
}

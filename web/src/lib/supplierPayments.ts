// 付款: what a supplier is owed on 2202 (应付账款) from its open items — invoices are credit
// items, payments and advances debit ones — and the body of POST /api/v1/supplier-payments.
// Amounts are decimal strings summed in BigInt cents.
import { centsToDecimal, toCents } from './voucherGrid';

export interface OpenItemAmounts {
  side: 'debit' | 'credit' | string;
  open: string;
}

/** Credit open minus debit open: what is still to pay (negative when paid in advance). */
export function owed(items: OpenItemAmounts[]): string {
  let cents = 0n;
  for (const item of items) {
    const open = toCents(item.open) ?? 0n;
    cents += item.side === 'credit' ? open : -open;
  }
  return centsToDecimal(cents);
}

export interface PaymentValues {
  supplier_id: number | null;
  /** YYYY-MM-DD */
  date: string;
  /** As typed: "1,007.96". */
  amount: string;
  note: string;
}

export type PaymentProblem = 'required' | 'invalid' | 'not_positive';

export type PaymentBody =
  | { ok: true; body: { supplier_id: number; date: string; amount: string; note?: string } }
  | { ok: false; errors: Partial<Record<'supplier_id' | 'date' | 'amount', PaymentProblem>> };

/**
 * The request body, or what the form can already tell is missing or not an amount to the cent.
 * Whether the supplier is this company's is the server's to say (at `supplier_id`).
 */
export function paymentBody(values: PaymentValues): PaymentBody {
  const errors: Partial<Record<'supplier_id' | 'date' | 'amount', PaymentProblem>> = {};
  if (!values.supplier_id) errors.supplier_id = 'required';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) errors.date = 'required';
  const cents = values.amount.trim() ? toCents(values.amount) : null;
  if (!values.amount.trim()) errors.amount = 'required';
  else if (cents === null) errors.amount = 'invalid';
  else if (cents <= 0n) errors.amount = 'not_positive';
  if (Object.keys(errors).length || cents === null || !values.supplier_id) return { ok: false, errors };
  const note = values.note.trim();
  return { ok: true, body: { supplier_id: values.supplier_id, date: values.date, amount: centsToDecimal(cents), ...(note ? { note } : {}) } };
}

// Invoices of receivables and payables (应收单 / 应付单) with VAT per line: the tax a line will carry,
// previewed as the server computes it (amount × rate, half away from zero to the cent), the
// totals, the request body and the server's field errors. Money stays in strings and BigInt cents.
import type { Problem } from '../api/problem';
import { parseDecimalInput } from './decimal';
import { centsTimesRate, scaled } from './decimalMath';
import { linesProblem } from './lineErrors';
import { centsToDecimal, toCents } from './voucherGrid';

/** The VAT rates offered, as the server reads them (a fraction). */
export const TAX_RATES = ['0.13', '0.09', '0.06', '0.03', '0.01', '0'] as const;

/** "0.13" → "13 %" for the picker. */
export function rateLabel(rate: string): string {
  const r = /^0(?:\.(\d*))?$/.exec(rate);
  if (!r) return rate;
  const digits = (r[1] ?? '').padEnd(2, '0');
  const whole = digits.slice(0, 2).replace(/^0(?=\d)/, '');
  const rest = digits.slice(2).replace(/0+$/, '');
  return `${whole}${rest ? '.' + rest : ''} %`;
}

/** The tax of a line in cents: amount × rate, rounded half away from zero; null when either is not valid. */
export function taxCents(amount: string, rate: string): bigint | null {
  const cents = toCents(amount);
  const r = scaled(rate);
  if (cents === null || r === null || r.units < 0n) return null;
  return centsTimesRate(cents, r);
}

/** The tax of a line as a decimal string ("6.00"), or null when the amount or rate is not valid. */
export function lineTax(amount: string, rate: string): string | null {
  const tax = taxCents(amount, rate);
  return tax === null ? null : centsToDecimal(tax);
}

export interface InvoiceLineDraft {
  description: string;
  account: string;
  amount: string;
  tax_rate: string;
}

export function blankInvoiceLine(): InvoiceLineDraft {
  return { description: '', account: '', amount: '', tax_rate: '0.13' };
}

/** Amount, tax and total over the lines whose amount and rate are valid (the others count as zero). */
export function invoiceTotals(lines: InvoiceLineDraft[]): { amount: string; tax: string; total: string } {
  let amount = 0n;
  let tax = 0n;
  for (const line of lines) {
    const cents = toCents(line.amount);
    const t = taxCents(line.amount, line.tax_rate);
    if (cents === null || t === null) continue;
    amount += cents;
    tax += t;
  }
  return { amount: centsToDecimal(amount), tax: centsToDecimal(tax), total: centsToDecimal(amount + tax) };
}

export interface InvoiceHeaderDraft {
  kind: 'receivable' | 'payable';
  partner_id: number | null;
  number: string;
  date: string;
  due_date: string;
}

/** The POST /api/v1/invoices body: blank lines left out; `rows` maps each sent line to its row. */
export function invoiceBody(header: InvoiceHeaderDraft, lines: InvoiceLineDraft[]): { body: Record<string, unknown>; rows: number[] } {
  const rows: number[] = [];
  const sent: Record<string, string>[] = [];
  lines.forEach((line, row) => {
    if (!line.description.trim() && !line.amount.trim() && !line.account) return;
    rows.push(row);
    const amount = parseDecimalInput(line.amount);
    sent.push({
      description: line.description.trim(),
      ...(line.account ? { account: line.account } : {}),
      amount: amount ?? line.amount.trim(),
      tax_rate: line.tax_rate,
    });
  });
  const body: Record<string, unknown> = {
    kind: header.kind,
    number: header.number.trim(),
    date: header.date,
    lines: sent,
  };
  if (header.partner_id) body.partner_id = header.partner_id;
  if (header.due_date) body.due_date = header.due_date;
  return { body, rows };
}

/**
 * The server's field errors keyed by the form's paths: `lines[1].tax_rate` of the body becomes the
 * row actually shown (`rows[1]`); fields the form does not show are returned as `rest`.
 */
export function invoiceProblem(problem: Problem, rows: number[]): { fields: Record<string, string[]>; rest: string[] } {
  return linesProblem(problem, rows, ['kind', 'partner_id', 'number', 'date', 'due_date']);
}

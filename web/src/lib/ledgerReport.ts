// The ledger reports' figures for tables and charts: which trial-balance rows a level shows,
// level-1 closing balances by category, the ledger's running balance as a signed series.
// Sums stay in cents (BigInt); only chartValue() turns a decimal string into a JS number, for
// drawing, never for arithmetic.
import { centsToDecimal, toCents } from './voucherGrid';

export interface BalanceRow {
  code: string;
  level: number;
  category: string;
  closing_debit: string;
  closing_credit: string;
}

/** The rows down to `level` (1 = first-level accounts only). */
export function rowsToLevel<T extends { level: number }>(rows: T[], level: number): T[] {
  return rows.filter((r) => r.level <= level);
}

export const CATEGORY_ORDER = ['asset', 'liability', 'common', 'equity', 'cost', 'profit_loss'];
const CREDIT_CATEGORIES = new Set(['liability', 'equity', 'profit_loss']);

/**
 * Level-1 closing balances added up per category, on the category's natural side (assets and
 * costs debit minus credit; liabilities, equity and profit and loss credit minus debit), in
 * CATEGORY_ORDER; categories without a row are left out.
 */
export function closingByCategory(rows: BalanceRow[]): { category: string; amount: string }[] {
  const sums = new Map<string, bigint>();
  for (const row of rows) {
    if (row.level !== 1) continue;
    const net = (toCents(row.closing_debit) ?? 0n) - (toCents(row.closing_credit) ?? 0n);
    const natural = CREDIT_CATEGORIES.has(row.category) ? -net : net;
    sums.set(row.category, (sums.get(row.category) ?? 0n) + natural);
  }
  const known = CATEGORY_ORDER.filter((c) => sums.has(c));
  const others = [...sums.keys()].filter((c) => !CATEGORY_ORDER.includes(c)).sort();
  return [...known, ...others].map((category) => ({ category, amount: centsToDecimal(sums.get(category)!) }));
}

const DEBIT_SIDES = new Set(['借', 'Dr']);
const CREDIT_SIDES = new Set(['贷', 'Cr']);

/** A balance and its side (借/贷/平, Dr/Cr/Nil) as a signed amount on the account's own side. */
export function signedBalance(side: string, balance: string, direction: string): string {
  const cents = toCents(balance) ?? 0n;
  const debitSigned = DEBIT_SIDES.has(side) ? cents : CREDIT_SIDES.has(side) ? -cents : 0n;
  return centsToDecimal(direction === 'credit' ? -debitSigned : debitSigned);
}

export interface LedgerLike {
  direction: string;
  opening: { side: string; balance: string };
  entries: { kind: string; date?: string; voucher?: string; side: string; balance: string }[];
}

/** The running balance after the opening and each line (totals rows left out), for the line chart. */
export function balanceSeries(ledger: LedgerLike, openingLabel: string): { label: string; amount: string }[] {
  const out = [{ label: openingLabel, amount: signedBalance(ledger.opening.side, ledger.opening.balance, ledger.direction) }];
  for (const e of ledger.entries) {
    if (e.kind !== 'line') continue;
    out.push({ label: `${e.date ?? ''} ${e.voucher ?? ''}`.trim(), amount: signedBalance(e.side, e.balance, ledger.direction) });
  }
  return out;
}

/** A decimal string as a number for a chart's axis; the table keeps showing the exact string. */
export function chartValue(amount: string): number {
  const n = Number(amount);
  return Number.isFinite(n) ? n : 0;
}

/** "2026-03" → the previous/next period code. */
export function shiftPeriod(code: string, months: number): string {
  const m = /^(\d{4})-(\d{2})$/.exec(code);
  if (!m) return code;
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

// ---- financial statements ------------------------------------------------------------------

export interface StatementLine {
  key: string;
  label: string;
  total: boolean;
}

/**
 * The balance sheet's lines as its two halves, side by side as printed: assets (up to and with
 * 资产总计, key "assets"), then liabilities and equity.
 */
export function balanceSheetHalves<T extends StatementLine>(lines: T[]): { assets: T[]; claims: T[] } {
  const end = lines.findIndex((l) => l.key === 'assets');
  if (end < 0) return { assets: lines, claims: [] };
  return { assets: lines.slice(0, end + 1), claims: lines.slice(end + 1) };
}

/** Income-statement lines that are costs and expenses (the server's debit lines). */
export const COST_KEYS = [
  'cost_of_sales', 'taxes_and_surcharges', 'selling_expenses', 'administrative_expenses', 'financial_expenses',
  'impairment_losses', 'non_operating_expenses', 'income_tax',
];

/**
 * The income statement's chart: revenue, costs and expenses added up (COST_KEYS), net profit —
 * of the column `pick` reads (the period's amount or the year to date), summed in cents.
 */
export function incomeBars<T extends StatementLine>(lines: T[], pick: (line: T) => string): { key: 'revenue' | 'costs' | 'net_profit'; amount: string }[] {
  const cents = (key: string) => {
    const line = lines.find((l) => l.key === key);
    return (line && toCents(pick(line) ?? '')) || 0n;
  };
  const costs = COST_KEYS.reduce((sum, key) => sum + cents(key), 0n);
  return [
    { key: 'revenue', amount: centsToDecimal(cents('revenue')) },
    { key: 'costs', amount: centsToDecimal(costs) },
    { key: 'net_profit', amount: centsToDecimal(cents('net_profit')) },
  ];
}

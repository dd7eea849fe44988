// Budgets (预算): the even split of an annual amount over twelve months as the server makes it
// (each month the annual divided by twelve, cents truncated; the remainder in December), the
// twelve amounts as typed, and the execution report's budget-against-used bars per account.
import { chartValue } from './ledgerReport';
import { centsToDecimal, toCents } from './voucherGrid';

/** "12000" → twelve "1000.00"; "100.00" → eleven "8.33" and "8.37"; null when not an amount ≥ 0. */
export function evenSplit(annual: string): string[] | null {
  if (!annual.trim()) return null;
  const cents = toCents(annual);
  if (cents === null || cents < 0n) return null;
  const month = cents / 12n;
  const months = Array.from({ length: 12 }, () => month);
  months[11] += cents - month * 12n;
  return months.map(centsToDecimal);
}

/** The sum of amounts as a decimal string; unreadable ones count as zero. */
export function sumAmounts(amounts: string[]): string {
  return centsToDecimal(amounts.reduce((sum, a) => sum + (toCents(a) ?? 0n), 0n));
}

/**
 * Twelve typed amounts as the request's strings ("" is 0.00); the indexes of the ones that are
 * not amounts of whole cents, or negative.
 */
export function monthlyAmounts(texts: string[]): { months: string[]; invalid: number[] } {
  const months: string[] = [];
  const invalid: number[] = [];
  for (let m = 0; m < 12; m++) {
    const cents = toCents(texts[m] ?? '');
    if (cents === null || cents < 0n) invalid.push(m);
    months.push(cents === null ? '' : centsToDecimal(cents < 0n ? 0n : cents));
  }
  return { months, invalid };
}

export interface ExecutionRowLike {
  account: string;
  account_name: string;
  budget: string;
  used: string;
}

/** Budget to date and used per account (budgets of one account by department or project added up). */
export function executionBars(rows: ExecutionRowLike[]): { labels: string[]; budget: number[]; used: number[] } {
  const by = new Map<string, { label: string; budget: bigint; used: bigint }>();
  for (const row of rows) {
    const entry = by.get(row.account) ?? { label: `${row.account} ${row.account_name}`, budget: 0n, used: 0n };
    entry.budget += toCents(row.budget) ?? 0n;
    entry.used += toCents(row.used) ?? 0n;
    by.set(row.account, entry);
  }
  const list = [...by.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, v]) => v);
  return {
    labels: list.map((e) => e.label),
    budget: list.map((e) => chartValue(centsToDecimal(e.budget))),
    used: list.map((e) => chartValue(centsToDecimal(e.used))),
  };
}

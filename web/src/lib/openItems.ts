// Receivables and payables (往来): what a pair of selected open items proposes to allocate (核销),
// the aging report's bucket list as typed, and the aging chart's stacked series. Amounts stay
// decimal strings summed in cents (BigInt); only chartValue() makes numbers, for drawing.
import { chartValue } from './ledgerReport';
import { centsToDecimal, toCents } from './voucherGrid';

export interface OpenItemLike {
  line_id: number;
  side: 'debit' | 'credit' | string;
  open: string;
  partner_id: number;
  partner_name?: string;
}

export type ProposalProblem = 'pick_two' | 'one_each' | 'same_partner' | 'nothing_open';

export type Proposal<T extends OpenItemLike> =
  | { ok: true; debit: T; credit: T; amount: string }
  | { ok: false; problem: ProposalProblem };

/**
 * Two selected items, one debit and one credit of the same partner, propose the smaller of the
 * two open amounts (what can be allocated without leaving either side below zero).
 */
export function proposeAllocation<T extends OpenItemLike>(selected: T[]): Proposal<T> {
  if (selected.length !== 2) return { ok: false, problem: 'pick_two' };
  const debit = selected.find((i) => i.side === 'debit');
  const credit = selected.find((i) => i.side === 'credit');
  if (!debit || !credit) return { ok: false, problem: 'one_each' };
  if (debit.partner_id !== credit.partner_id) return { ok: false, problem: 'same_partner' };
  const a = toCents(debit.open) ?? 0n;
  const b = toCents(credit.open) ?? 0n;
  const amount = a < b ? a : b;
  if (amount <= 0n) return { ok: false, problem: 'nothing_open' };
  return { ok: true, debit, credit, amount: centsToDecimal(amount) };
}

/** The items of each partner, in the order the server sent them (by partner, then date). */
export function groupByPartner<T extends OpenItemLike>(items: T[]): { partner_id: number; partner_name: string; items: T[]; debit_open: string; credit_open: string }[] {
  const groups = new Map<number, { partner_id: number; partner_name: string; items: T[]; debit: bigint; credit: bigint }>();
  for (const item of items) {
    let group = groups.get(item.partner_id);
    if (!group) {
      group = { partner_id: item.partner_id, partner_name: item.partner_name ?? '', items: [], debit: 0n, credit: 0n };
      groups.set(item.partner_id, group);
    }
    group.items.push(item);
    const open = toCents(item.open) ?? 0n;
    if (item.side === 'debit') group.debit += open;
    else group.credit += open;
  }
  return [...groups.values()].map(({ debit, credit, ...g }) => ({ ...g, debit_open: centsToDecimal(debit), credit_open: centsToDecimal(credit) }));
}

export type BucketProblem = 'empty' | 'not_whole' | 'not_increasing' | 'too_many';

/**
 * "30, 60，90 180" → [30, 60, 90, 180]: whole days above zero, increasing, at most twelve (the
 * server's rule for `buckets`); commas (also full-width) or spaces between them.
 */
export function parseBuckets(text: string): { ok: true; buckets: number[]; query: string } | { ok: false; problem: BucketProblem } {
  const pieces = text.split(/[\s,，、]+/).filter(Boolean);
  if (pieces.length === 0) return { ok: false, problem: 'empty' };
  const buckets: number[] = [];
  for (const piece of pieces) {
    if (!/^\d{1,5}$/.test(piece) || Number(piece) <= 0) return { ok: false, problem: 'not_whole' };
    const days = Number(piece);
    if (buckets.length && days <= buckets[buckets.length - 1]) return { ok: false, problem: 'not_increasing' };
    buckets.push(days);
  }
  if (buckets.length > 12) return { ok: false, problem: 'too_many' };
  return { ok: true, buckets, query: buckets.join(',') };
}

export interface AgingPartner {
  partner_id: number;
  partner_name: string;
  buckets: string[];
  outstanding: string;
}

/**
 * The aging chart: the `top` partners by outstanding amount (largest first; partners with
 * nothing outstanding left out), one stacked series per bucket.
 */
export function agingSeries(partners: AgingPartner[], labels: string[], top = 10): { partners: string[]; series: { name: string; values: number[] }[] } {
  const ranked = partners
    .map((p) => ({ p, cents: toCents(p.outstanding) ?? 0n }))
    .filter((x) => x.cents > 0n)
    .sort((a, b) => (a.cents === b.cents ? a.p.partner_name.localeCompare(b.p.partner_name) : a.cents > b.cents ? -1 : 1))
    .slice(0, top)
    .map((x) => x.p);
  return {
    partners: ranked.map((p) => p.partner_name || `#${p.partner_id}`),
    series: labels.map((name, b) => ({ name, values: ranked.map((p) => chartValue(p.buckets[b] ?? '0')) })),
  };
}

// The general ledger's API (src/modules/finance/README.md, "General ledger"): shapes of its answers
// and the chart of accounts, loaded once per session and company and kept for the type-ahead.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { chartOf, type AccountInfo, type AccountRecord, type VoucherLineJson } from '../lib/voucherGrid';
import { api } from './client';
import type { Page } from './types';

export interface Person {
  id: number;
  name: string;
}

export type VoucherState = 'draft' | 'reviewed' | 'posted' | 'void';
export const VOUCHER_STATES: VoucherState[] = ['draft', 'reviewed', 'posted', 'void'];
export const WORDS = ['general', 'receipt', 'payment', 'transfer'] as const;
export const SPLIT_WORDS = ['receipt', 'payment', 'transfer'] as const;

export interface VoucherHead {
  id: number;
  word: string;
  number: number;
  label: string;
  period: string;
  date: string;
  state: VoucherState;
  attachments: number;
  summary: string;
  debit_total: string;
  credit_total: string;
  preparer: Person | null;
  reviewer: Person | null;
  cashier: Person | null;
  poster: Person | null;
  source_type: string | null;
  source_id: number | null;
  reverses_id: number | null;
  reversed_by_id: number | null;
  version: number;
  prepared_at: string | null;
  reviewed_at: string | null;
  posted_at: string | null;
}

export interface Voucher extends VoucherHead {
  lines: VoucherLineJson[];
}

export interface VoucherRef {
  id: number;
  word: string;
  number: number;
  label: string;
  state: VoucherState;
  version: number;
  /** Budgets the voucher takes beyond their amount to date (on save: once posted; on post: the "warn" ones). */
  over_budget?: BudgetOverrun[];
}

/** A budget a voucher would overrun: budget January to the voucher's month, used including the voucher. */
export interface BudgetOverrun {
  budget_id: number;
  account: string;
  control: 'warn' | 'block' | string;
  budget: string;
  used: string;
}

export interface FinanceSettings {
  voucher_words: 'single' | 'split';
  cashier_sign_off: boolean;
}

export interface FiscalPeriod {
  id: number;
  code: string;
  year: number;
  month: number;
  starts_on: string;
  ends_on: string;
  state: 'open' | 'closed';
  vouchers: Record<VoucherState, number>;
}

export interface CashFlowItem {
  code: string;
  name: string;
  activity: string;
  inflow: boolean;
}

export interface TrialBalanceRow {
  account_id: number;
  code: string;
  name: string;
  level: number;
  category: string;
  direction: string;
  opening_debit: string;
  opening_credit: string;
  debit: string;
  credit: string;
  closing_debit: string;
  closing_credit: string;
}

export interface TrialBalance {
  from: string;
  to: string;
  rows: TrialBalanceRow[];
  totals: Omit<TrialBalanceRow, 'account_id' | 'code' | 'name' | 'level' | 'category' | 'direction'>;
  balanced: boolean;
}

export interface LedgerEntry {
  kind: 'line' | 'month_total' | 'year_total';
  period?: string;
  date?: string;
  voucher_id?: number;
  voucher?: string;
  summary: string;
  account?: string;
  debit: string;
  credit: string;
  side: string;
  balance: string;
}

export interface AccountLedger {
  account_id: number;
  code: string;
  name: string;
  direction: string;
  from: string;
  to: string;
  opening: { side: string; balance: string };
  entries: LedgerEntry[];
  closing: { side: string; balance: string };
}

export interface BalanceSheetLine {
  key: string;
  label: string;
  /** A sum of the lines above it (流动资产合计, 资产总计…), shown bold. */
  total: boolean;
  closing: string;
  year_opening: string;
}

/** GET /api/v1/finance/balance-sheet?at=YYYY-MM */
export interface BalanceSheet {
  at: string;
  /** The period's last day. */
  date: string;
  lines: BalanceSheetLine[];
  balanced: boolean;
}

export interface IncomeStatementLine {
  key: string;
  label: string;
  total: boolean;
  amount: string;
  year_to_date: string;
}

/** GET /api/v1/finance/income-statement?from=&to= */
export interface IncomeStatement {
  from: string;
  to: string;
  lines: IncomeStatementLine[];
}

/** GET /api/v1/finance/cash-flow?from=&to= (direct method) */
export interface CashFlowStatement {
  from: string;
  to: string;
  lines: { key: string; label: string; total: boolean; amount: string }[];
  /** The net change equals the cash accounts' closing minus opening balance. */
  reconciled: boolean;
}

// ---- receivables and payables (往来) ------------------------------------------------------------

export interface OpenItem {
  line_id: number;
  voucher_id: number;
  voucher: string;
  date: string;
  summary: string;
  side: 'debit' | 'credit';
  amount: string;
  allocated: string;
  open: string;
  partner_type: 'customer' | 'supplier' | 'employee';
  partner_id: number;
  partner_name: string;
}

/** GET /api/v1/finance/open-items?account=&partner_id=&open= */
export interface OpenItems {
  items: OpenItem[];
  debit_open: string;
  credit_open: string;
}

export interface AgingAmounts {
  buckets: string[];
  outstanding: string;
  advance: string;
  net: string;
}

/** GET /api/v1/finance/aging?account=&as_of=&buckets= */
export interface Aging {
  account: string;
  account_name: string;
  as_of: string;
  bucket_labels: string[];
  partners: (AgingAmounts & { partner_id: number; partner_name: string })[];
  totals: AgingAmounts;
}

/** The dimensions that make an account a partner account (its lines become open items). */
export const PARTNER_DIMENSIONS = ['customer', 'supplier', 'employee'] as const;
export type PartnerDimension = (typeof PARTNER_DIMENSIONS)[number];

/** The partner an account's open items are kept by, as the server picks it: customer, supplier, employee. */
export function partnerDimension(dimensions: readonly string[]): PartnerDimension | undefined {
  return PARTNER_DIMENSIONS.find((d) => dimensions.includes(d));
}

// ---- invoices of receivables and payables (应收单 / 应付单) --------------------------------------

export type InvoiceKind = 'receivable' | 'payable';
export const INVOICE_KINDS: InvoiceKind[] = ['receivable', 'payable'];
export type InvoiceState = 'draft' | 'posted' | 'cancelled';
export const INVOICE_STATES: InvoiceState[] = ['draft', 'posted', 'cancelled'];

/** GET /api/v1/invoices?kind=&state= items */
export interface InvoiceHead {
  id: number;
  kind: InvoiceKind;
  partner_id: number;
  partner_name: string;
  number: string;
  date: string;
  due_date: string | null;
  amount: string;
  tax: string;
  total: string;
  state: InvoiceState;
  voucher_id: number | null;
  version: number;
}

/** GET /api/v1/invoices/{id}, POST /api/v1/invoices */
export interface Invoice extends InvoiceHead {
  lines: { seq: number; description: string; account: string; account_name: string; amount: string; tax_rate: string; tax: string }[];
}

/** The grant an invoice of a kind needs. */
export function invoiceResource(kind: InvoiceKind): 'customer_invoice' | 'supplier_invoice' {
  return kind === 'receivable' ? 'customer_invoice' : 'supplier_invoice';
}

// ---- budgets (预算) -----------------------------------------------------------------------------

export type BudgetControl = 'none' | 'warn' | 'block';
export const BUDGET_CONTROLS: BudgetControl[] = ['none', 'warn', 'block'];

/** GET /api/v1/budgets?year= items, GET/POST/PUT /api/v1/budgets/{id} */
export interface Budget {
  id: number;
  year: number;
  account_id: number;
  account: string;
  account_name: string;
  department_id: number | null;
  department_name?: string | null;
  project_id: number | null;
  project_name?: string | null;
  control: BudgetControl;
  annual: string;
  months: string[];
  /** Sent back on update; the server refuses a stale one (409). */
  version: number;
}

export interface BudgetExecutionRow {
  budget_id: number;
  account: string;
  account_name: string;
  /** Department and/or project names ("销售部 / 项目A"), or "". */
  dimension: string;
  control: BudgetControl;
  budget: string;
  used: string;
  variance: string;
  /** Per cent with two decimals ("85.00"); "" when nothing is budgeted to date. */
  share_used: string;
  over: boolean;
  annual: string;
}

/** GET /api/v1/finance/budget-execution?year=&to= */
export interface BudgetExecution {
  year: number;
  to_month: number;
  rows: BudgetExecutionRow[];
  totals: { budget: string; used: string; variance: string };
}

/** The voucher's word as printed: 记 收 付 转. */
export const WORD_MARK: Record<string, string> = { general: '记', receipt: '收', payment: '付', transfer: '转' };

// ---- the chart of accounts, once per company and language ----------------------------------

const charts = new Map<string, Promise<AccountInfo[]>>();

async function fetchChart(english: boolean): Promise<AccountInfo[]> {
  const records: AccountRecord[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const answer = await api.get<Page<AccountRecord>>('/api/v1/accounts', { limit: 500, sort: 'code', cursor });
    records.push(...answer.items);
    if (!answer.next_cursor) break;
    cursor = answer.next_cursor;
  }
  return chartOf(records, english);
}

export function loadChart(generation: number, english: boolean): Promise<AccountInfo[]> {
  const key = `${generation}:${english}`;
  let found = charts.get(key);
  if (!found) {
    found = fetchChart(english);
    found.catch(() => charts.delete(key));
    charts.set(key, found);
  }
  return found;
}

/** Forgets the cached chart (after the chart changes). */
export function forgetChart(): void {
  charts.clear();
}

export function useChart(): { accounts: AccountInfo[]; byCode: Map<string, AccountInfo>; loading: boolean; error: unknown } {
  const { generation } = useSession();
  const { i18n } = useTranslation();
  const english = i18n.language === 'en-US';
  const [state, setState] = useState<{ accounts: AccountInfo[]; loading: boolean; error: unknown }>({ accounts: [], loading: true, error: null });
  useEffect(() => {
    let live = true;
    loadChart(generation, english)
      .then((accounts) => live && setState({ accounts, loading: false, error: null }))
      .catch((error) => live && setState({ accounts: [], loading: false, error }));
    return () => {
      live = false;
    };
  }, [generation, english]);
  const byCode = useMemo(() => new Map(state.accounts.map((a) => [a.code, a])), [state.accounts]);
  return { ...state, byCode };
}

const cashFlow = new Map<string, Promise<CashFlowItem[]>>();
export function loadCashFlowItems(language: string): Promise<CashFlowItem[]> {
  let found = cashFlow.get(language);
  if (!found) {
    found = api.get<{ items: CashFlowItem[] }>('/api/v1/finance/cash-flow-items').then((r) => r.items);
    found.catch(() => cashFlow.delete(language));
    cashFlow.set(language, found);
  }
  return found;
}

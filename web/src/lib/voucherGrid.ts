// The voucher entry grid as pure functions: lines as typed, totals and the balancing fill (=),
// the keyboard's moves between cells (Enter, Space, //), the body sent to POST/PUT
// /api/v1/vouchers, and the server's error paths ("lines[2].debit") mapped back to grid cells.
// Amounts stay decimal strings; sums are taken in whole cents as BigInt, never as JS numbers.
import type { Problem } from '../api/problem';
import { fieldPath } from '../api/problem';
import { parseDecimalInput } from './decimal';

export const DIMENSIONS = ['customer', 'supplier', 'department', 'employee', 'project', 'item'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** What the grid needs of an account (GET /api/v1/accounts plus leaf-ness worked out from parent_id). */
export interface AccountInfo {
  id: number;
  code: string;
  name: string;
  /** Names from the top-level account down, e.g. "应交税费/应交增值税/进项税额". */
  path: string;
  parent_id: number | null;
  category: string;
  direction: string;
  is_cash: boolean;
  active: boolean;
  leaf: boolean;
  dimensions: Dimension[];
}

export interface GridLine {
  key: string;
  summary: string;
  /** The account's code ("1122"); empty when none is chosen. */
  account: string;
  debit: string;
  credit: string;
  dims: Partial<Record<Dimension, number | null>>;
  /** Names of the chosen dimension values, for the pickers' first render. */
  dimLabels: Partial<Record<Dimension, string>>;
  cash_flow_item: string | null;
}

export type Side = 'debit' | 'credit';
export type Column = 'summary' | 'account' | `dim:${Dimension}` | 'cash_flow_item' | Side;
export interface Cell {
  row: number;
  col: Column;
}
export type AccountLookup = (code: string) => AccountInfo | undefined;

let counter = 0;
export function blankLine(): GridLine {
  counter += 1;
  return { key: `l${Date.now().toString(36)}${counter}`, summary: '', account: '', debit: '', credit: '', dims: {}, dimLabels: {}, cash_flow_item: null };
}

export function isBlank(line: GridLine): boolean {
  return !line.summary.trim() && !line.account && !line.debit.trim() && !line.credit.trim();
}

export function cellKey(row: number, col: Column): string {
  return `${row}:${col}`;
}

// ---- amounts in cents ----------------------------------------------------------------------

/** "1,234.5" → 123450n; "" → 0n; null when it is not an amount of whole cents. */
export function toCents(text: string): bigint | null {
  if (!text.trim()) return 0n;
  const value = parseDecimalInput(text);
  if (value === null) return null;
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const extra = fraction.slice(2);
  if (extra && !/^0+$/.test(extra)) return null;
  const cents = BigInt(whole) * 100n + BigInt((fraction.slice(0, 2) || '0').padEnd(2, '0'));
  return negative ? -cents : cents;
}

/** 123450n → "1234.50"; -5n → "-0.05". */
export function centsToDecimal(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = abs / 100n;
  const fraction = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

export interface Totals {
  debit: string;
  credit: string;
  /** Debit minus credit; "0.00" when balanced. */
  difference: string;
  balanced: boolean;
  /** Some amount cannot be read; the totals leave it out. */
  unreadable: boolean;
}

export function totals(lines: GridLine[]): Totals {
  let debit = 0n;
  let credit = 0n;
  let unreadable = false;
  for (const line of lines) {
    const d = toCents(line.debit);
    const c = toCents(line.credit);
    if (d === null || c === null) unreadable = true;
    debit += d ?? 0n;
    credit += c ?? 0n;
  }
  return {
    debit: centsToDecimal(debit),
    credit: centsToDecimal(credit),
    difference: centsToDecimal(debit - credit),
    balanced: debit === credit && !unreadable,
    unreadable,
  };
}

/**
 * "=" in an amount cell: the amount that balances the voucher, on this side when it is positive,
 * otherwise on the other side; null when the other lines already balance.
 */
export function balancingAmount(lines: GridLine[], row: number, side: Side): { side: Side; amount: string } | null {
  let debit = 0n;
  let credit = 0n;
  lines.forEach((line, i) => {
    if (i === row) return;
    debit += toCents(line.debit) ?? 0n;
    credit += toCents(line.credit) ?? 0n;
  });
  const need = side === 'debit' ? credit - debit : debit - credit;
  if (need === 0n) return null;
  return need > 0n ? { side, amount: centsToDecimal(need) } : { side: other(side), amount: centsToDecimal(-need) };
}

export function other(side: Side): Side {
  return side === 'debit' ? 'credit' : 'debit';
}

/** Applies "=" to a line: its amount becomes the balancing one (and the other side is cleared). */
export function fillBalance(lines: GridLine[], row: number, side: Side): { lines: GridLine[]; side: Side } {
  const fill = balancingAmount(lines, row, side);
  if (!fill) return { lines, side };
  const next = lines.slice();
  next[row] = { ...next[row], [fill.side]: fill.amount, [other(fill.side)]: '' };
  return { lines: next, side: fill.side };
}

/** Space in an amount cell: the amount moves to the other side. */
export function swapSide(lines: GridLine[], row: number): GridLine[] {
  const line = lines[row];
  const next = lines.slice();
  next[row] = { ...line, debit: line.credit, credit: line.debit };
  return next;
}

// ---- summaries -----------------------------------------------------------------------------

/** The summary a blank one stands for: the nearest non-blank one above (the server repeats it too). */
export function summaryAbove(lines: GridLine[], row: number): string {
  for (let i = row - 1; i >= 0; i--) if (lines[i].summary.trim()) return lines[i].summary;
  return '';
}

/** What typing `text` into a summary cell leaves there: "//" copies the line above. */
export function summaryInput(lines: GridLine[], row: number, text: string): string {
  if (text.endsWith('//')) return summaryAbove(lines, row) || text.slice(0, -2);
  return text;
}

// ---- keyboard ------------------------------------------------------------------------------

/** The cells Enter walks through on a line: summary, account, the dimensions it keeps, debit, credit. */
export function lineColumns(account?: AccountInfo): Column[] {
  const dims = account ? account.dimensions.map((d) => `dim:${d}` as Column) : [];
  return ['summary', 'account', ...dims, 'debit', 'credit'];
}

/**
 * Enter: the next cell. After a debit amount the credit cell is skipped (a line has one side).
 * From the last cell of the last line, a new line is added (`addLine`).
 */
export function nextCell(lines: GridLine[], at: Cell, lookup: AccountLookup): { cell: Cell; addLine: boolean } {
  const line = lines[at.row];
  const columns = lineColumns(lookup(line.account));
  // A cell Enter does not walk (the cash-flow item) goes on as from the debit cell.
  const col = columns.includes(at.col) ? at.col : 'debit';
  const index = columns.indexOf(col);
  const debitFilled = (toCents(line.debit) ?? 1n) !== 0n;
  const endOfLine = index === columns.length - 1 || (col === 'debit' && debitFilled);
  if (!endOfLine) return { cell: { row: at.row, col: columns[index + 1] }, addLine: false };
  const addLine = at.row === lines.length - 1;
  return { cell: { row: at.row + 1, col: 'summary' }, addLine };
}

/** Shift+Enter: the previous cell (the first cell stays). */
export function previousCell(lines: GridLine[], at: Cell, lookup: AccountLookup): Cell {
  const columns = lineColumns(lookup(lines[at.row].account));
  const index = columns.indexOf(at.col);
  if (index > 0) return { row: at.row, col: columns[index - 1] };
  if (at.row === 0) return at;
  const above = lineColumns(lookup(lines[at.row - 1].account));
  return { row: at.row - 1, col: above[above.length - 1] };
}

// ---- saving --------------------------------------------------------------------------------

export interface VoucherHeader {
  date: string;
  word?: string;
  attachments?: number | null;
}

export interface VoucherBody {
  date: string;
  word?: string;
  attachments?: number;
  lines: Record<string, unknown>[];
  version?: number;
}

export interface CellErrors {
  /** Header fields: date, word, attachments. */
  header: Record<string, string[]>;
  /** Grid cells by cellKey(row, col). */
  cells: Record<string, string[]>;
  /** About the lines as a whole ("lines": unbalanced, too few lines), shown at the totals. */
  lines: string[];
  /** What belongs to no cell nor to the lines as a whole (a line's shape, the version, the title). */
  general: string[];
}

export function emptyErrors(): CellErrors {
  return { header: {}, cells: {}, lines: [], general: [] };
}

function add(map: Record<string, string[]>, key: string, message: string) {
  const list = (map[key] ??= []);
  if (!list.includes(message)) list.push(message);
}

/**
 * The request body for the grid's non-blank lines, with `rows[i]` the grid row of the body's
 * line i (so "lines[i].debit" in an answer finds its cell), and the amounts the browser already
 * knows to be wrong (`invalid`, at their cells).
 */
export function voucherBody(
  header: VoucherHeader,
  lines: GridLine[],
  lookup: AccountLookup,
  messages: { invalidAmount: string },
): { body: VoucherBody; rows: number[]; invalid: CellErrors } {
  const rows: number[] = [];
  const invalid = emptyErrors();
  const out: Record<string, unknown>[] = [];
  lines.forEach((line, row) => {
    if (isBlank(line)) return;
    const account = lookup(line.account);
    const body: Record<string, unknown> = { summary: line.summary.trim() };
    if (line.account) body.account = line.account;
    for (const side of ['debit', 'credit'] as Side[]) {
      const cents = toCents(line[side]);
      if (cents === null) add(invalid.cells, cellKey(row, side), messages.invalidAmount);
      else if (cents !== 0n) body[side] = centsToDecimal(cents);
    }
    for (const d of DIMENSIONS) {
      const value = line.dims[d];
      // Only the dimensions the account keeps: a value left from another account is dropped.
      if (value != null && (!account || account.dimensions.includes(d))) body[`${d}_id`] = value;
    }
    if (line.cash_flow_item && (!account || account.is_cash)) body.cash_flow_item = line.cash_flow_item;
    rows.push(row);
    out.push(body);
  });
  const body: VoucherBody = { date: header.date, lines: out };
  if (header.word) body.word = header.word;
  if (header.attachments != null) body.attachments = header.attachments;
  return { body, rows, invalid };
}

const LINE_FIELDS: Record<string, Column> = {
  summary: 'summary', account: 'account', account_id: 'account', debit: 'debit', credit: 'credit',
  cash_flow_item: 'cash_flow_item', customer_id: 'dim:customer', supplier_id: 'dim:supplier',
  department_id: 'dim:department', employee_id: 'dim:employee', project_id: 'dim:project', item_id: 'dim:item',
};
const HEADER_FIELDS = new Set(['date', 'word', 'attachments']);

/**
 * A problem+json answer to saving, at its cells: "lines[2].debit" → the debit cell of the grid
 * row that body line 2 came from; "date"/"word"/"attachments" → the header; "lines" (unbalanced,
 * too few lines) → the lines' totals; anything else → general messages (a line-level error names
 * its row: `lineLabel(n)`).
 */
export function voucherProblem(problem: Problem, rows: number[], lineLabel: (n: number) => string): CellErrors {
  const out = emptyErrors();
  for (const e of problem.errors ?? []) {
    const message = e.message || e.code;
    const path = e.field ? fieldPath(e.field) : [];
    if (path[0] === 'lines' && typeof path[1] === 'number') {
      const row = rows[path[1]] ?? path[1];
      const col = typeof path[2] === 'string' ? LINE_FIELDS[path[2]] : undefined;
      if (col) add(out.cells, cellKey(row, col), message);
      else out.general.push(`${lineLabel(row + 1)}: ${message}`);
    } else if (path.length === 1 && path[0] === 'lines') {
      if (!out.lines.includes(message)) out.lines.push(message);
    } else if (path.length === 1 && HEADER_FIELDS.has(String(path[0]))) {
      add(out.header, String(path[0]), message);
    } else if (!out.general.includes(message)) {
      out.general.push(message);
    }
  }
  if (!problem.errors?.length) {
    const head = problem.detail || problem.title;
    if (head) out.general.push(head);
  }
  return out;
}

// ---- voucher JSON → grid -------------------------------------------------------------------

export interface VoucherLineJson {
  seq: number;
  summary: string;
  account_id: number;
  account: string;
  account_name: string;
  account_name_en?: string | null;
  debit: string;
  credit: string;
  cash_flow_item: string | null;
  [key: string]: unknown;
}

/** A saved voucher's lines as grid lines: "0.00" on the unused side shows as empty. */
export function linesFromVoucher(lines: VoucherLineJson[]): GridLine[] {
  return lines.map((l) => {
    const line = blankLine();
    line.summary = l.summary;
    line.account = l.account;
    line.debit = toCents(l.debit) === 0n ? '' : l.debit;
    line.credit = toCents(l.credit) === 0n ? '' : l.credit;
    line.cash_flow_item = l.cash_flow_item ?? null;
    for (const d of DIMENSIONS) {
      const id = l[`${d}_id`];
      if (typeof id === 'number') {
        line.dims[d] = id;
        const name = l[`${d}_name`];
        if (typeof name === 'string') line.dimLabels[d] = name;
      }
    }
    return line;
  });
}

// ---- the chart of accounts -----------------------------------------------------------------

export interface AccountRecord {
  id: number;
  code: string;
  name: string;
  name_en?: string | null;
  parent_id?: number | null;
  category?: string;
  direction?: string;
  is_cash?: boolean;
  active?: boolean;
  [key: string]: unknown;
}

/** The chart as the grid uses it: each account with its path of names, leaf-ness and dimensions. */
export function chartOf(records: AccountRecord[], english = false): AccountInfo[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  const parents = new Set(records.map((r) => r.parent_id).filter((p): p is number => p != null));
  const nameOf = (r: AccountRecord) => (english && r.name_en ? r.name_en : r.name);
  return records
    .map((r) => {
      const names: string[] = [];
      let at: AccountRecord | undefined = r;
      for (let guard = 0; at && guard < 8; guard++) {
        names.unshift(nameOf(at));
        at = at.parent_id != null ? byId.get(at.parent_id) : undefined;
      }
      return {
        id: r.id,
        code: r.code,
        name: nameOf(r),
        path: names.join('/'),
        parent_id: r.parent_id ?? null,
        category: r.category ?? '',
        direction: r.direction ?? '',
        is_cash: !!r.is_cash,
        active: r.active !== false,
        leaf: !parents.has(r.id),
        dimensions: DIMENSIONS.filter((d) => r[`aux_${d}`] === true),
      };
    })
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Type-ahead over the chart: a code prefix, or part of a name or path. */
export function matchAccount(account: AccountInfo, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return account.code.startsWith(q) || account.path.toLowerCase().includes(q);
}

/**
 * With split words (收/付/转), the word the lines call for: a receipt debits cash or bank, a
 * payment credits it, a transfer touches neither (the server's rule).
 */
export function suggestWord(lines: GridLine[], lookup: AccountLookup): 'receipt' | 'payment' | 'transfer' {
  let debitsCash = false;
  let creditsCash = false;
  for (const line of lines) {
    if (!lookup(line.account)?.is_cash) continue;
    if ((toCents(line.debit) ?? 0n) !== 0n) debitsCash = true;
    if ((toCents(line.credit) ?? 0n) !== 0n) creditsCash = true;
  }
  return debitsCash ? 'receipt' : creditsCash ? 'payment' : 'transfer';
}

/** Whether a line touches a cash or bank account (the cashier's signature may be needed). */
export function touchesCash(lines: GridLine[], lookup: AccountLookup): boolean {
  return lines.some((l) => !!lookup(l.account)?.is_cash);
}

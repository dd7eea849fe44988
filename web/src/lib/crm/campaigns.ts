// Pure logic of the segment editor and the campaign dashboard: which comparisons a customer
// field offers, the editor's rows to and from the filter JSON the server checks, the funnel of a
// campaign's results and what each status lets one do.
import type { CampaignResults, CampaignStatus, SegmentCondition, SegmentFilter, SegmentOp } from '../../api/crm/campaigns';
import type { FieldMeta } from '../../api/types';

const ORDERED = new Set(['integer', 'decimal', 'money', 'quantity', 'date', 'datetime']);
const TEXT = new Set(['text', 'email', 'phone', 'url']);

/** The comparisons the server accepts for a field of this kind (segment_filter.cpp). */
export function operatorsFor(kind: string): SegmentOp[] {
  if (kind === 'tags' || kind === 'links') return ['contains', 'in', 'ne', 'empty', 'not_empty'];
  if (kind === 'boolean') return ['eq', 'ne'];
  if (ORDERED.has(kind)) return kind === 'integer'
    ? ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'empty', 'not_empty']
    : ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'empty', 'not_empty'];
  if (TEXT.has(kind)) return ['eq', 'ne', 'contains', 'in', 'empty', 'not_empty'];
  return ['eq', 'ne', 'in', 'empty', 'not_empty'];
}

/** Whether the comparison takes a value, and a list of them. */
export const needsValue = (op: SegmentOp) => op !== 'empty' && op !== 'not_empty';
export const takesList = (op: SegmentOp) => op === 'in';

/** Customer fields a segment may test: filterable, not JSON or attachments. */
export function segmentFields(fields: FieldMeta[]): FieldMeta[] {
  return fields.filter((f) => f.filterable !== false && !f.sensitive && f.kind !== 'json' && f.kind !== 'attachment');
}

/** One row of the editor: a condition, as typed. */
export interface ConditionRow {
  field: string;
  op: SegmentOp;
  value?: unknown;
}

export interface EditorState {
  mode: 'all' | 'any';
  rows: ConditionRow[];
}

function isGroup(c: SegmentCondition | SegmentFilter): c is SegmentFilter {
  return 'all' in c || 'any' in c;
}

/** The editor's rows from a saved filter; nested groups (made through the API) are kept as they are. */
export function fromFilter(filter: unknown): EditorState & { nested: SegmentFilter[] } {
  const f = (filter ?? {}) as Partial<Record<'all' | 'any', (SegmentCondition | SegmentFilter)[]>>;
  const mode = Array.isArray(f.any) ? 'any' : 'all';
  const list = (mode === 'any' ? f.any : f.all) ?? [];
  const rows: ConditionRow[] = [];
  const nested: SegmentFilter[] = [];
  for (const c of list) {
    if (isGroup(c)) nested.push(c);
    else rows.push({ field: c.field, op: c.op, value: c.value });
  }
  return { mode, rows, nested };
}

/** The filter JSON for the rows; rows without a field are left out, a value typed as text is
 *  sent as a number for numeric fields and a list split on commas for "in". */
export function toFilter(state: EditorState, fields: FieldMeta[], nested: SegmentFilter[] = []): SegmentFilter {
  const kinds = new Map(fields.map((f) => [f.name, f.kind]));
  const conditions: (SegmentCondition | SegmentFilter)[] = [];
  for (const row of state.rows) {
    if (!row.field) continue;
    const condition: SegmentCondition = { field: row.field, op: row.op };
    if (needsValue(row.op)) condition.value = typedValue(kinds.get(row.field) ?? 'text', row.op, row.value);
    conditions.push(condition);
  }
  conditions.push(...nested);
  return state.mode === 'any' ? { any: conditions } : { all: conditions };
}

function typedValue(kind: string, op: SegmentOp, value: unknown): unknown {
  if (takesList(op)) {
    const list = Array.isArray(value) ? value : String(value ?? '').split(/[,，]/).map((s) => s.trim()).filter(Boolean);
    return list.map((v) => typedValue(kind, 'eq', v));
  }
  if (kind === 'integer' || kind === 'links' || kind === 'link') {
    const n = Number(value);
    return value === '' || value === undefined || Number.isNaN(n) ? value : n;
  }
  if (kind === 'boolean') return value === true || value === 'true';
  if (kind === 'decimal' || kind === 'money' || kind === 'quantity') return value === undefined ? value : String(value);
  return value;
}

export interface FunnelStage {
  key: 'sent' | 'delivered' | 'opened' | 'clicked' | 'converted';
  value: number;
  /** Share of the first stage, 0..100 with one decimal; null when nothing was sent. */
  ofSent: number | null;
}

/** sent → delivered → opened → clicked → converted, each with its share of what was sent. */
export function funnel(r: CampaignResults): FunnelStage[] {
  const keys: FunnelStage['key'][] = ['sent', 'delivered', 'opened', 'clicked', 'converted'];
  return keys.map((key) => ({
    key,
    value: r[key],
    ofSent: r.sent === 0 ? null : Math.round((r[key] / r.sent) * 1000) / 10,
  }));
}

/** A rate as the server gives it ("0.5000") in percent with one decimal ("50.0"); null stays null. */
export function percent(rate: string | null): string | null {
  if (rate === null) return null;
  const negative = rate.startsWith('-');
  const [whole, fraction = ''] = (negative ? rate.slice(1) : rate).split('.');
  const basisPoints = Number(whole) * 10000 + Number((fraction + '0000').slice(0, 4));
  return `${negative && basisPoints !== 0 ? '-' : ''}${(basisPoints / 100).toFixed(1)}`;
}

/** Which steps a campaign in this status offers, and whether its fields may be edited. */
export function stepsFor(status: CampaignStatus): { edit: boolean; schedule: boolean; send: boolean; cancel: boolean } {
  return {
    edit: status === 'draft',
    schedule: status === 'draft',
    send: status === 'draft' || status === 'scheduled',
    cancel: status === 'draft' || status === 'scheduled' || status === 'sending',
  };
}

/** The placeholders a template may use, for the help text. */
export const PLACEHOLDERS = ['{name}', '{customer}', '{company}'] as const;

// An approval rule's `conditions` and `steps` (src/modules/workflow/README.md) ⇄ the visual
// editor's form state. The mapping keeps every list index, so a server error such as
// `steps[1].approvers[0].role` names the editor control at the same path in the form.
import type { FieldMeta } from '../api/types';

export const OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in'] as const;
export type Operator = (typeof OPERATORS)[number];

/** Every condition value is edited as text; `in` takes a comma-separated list. */
export interface ConditionState {
  field?: string;
  op?: Operator | string;
  value?: string;
}

export type ApproverType = 'role' | 'department_head' | 'user';

export interface ApproverState {
  type?: ApproverType | string;
  role?: string;
  user_id?: number;
}

export interface StepState {
  name?: string;
  mode: 'any' | 'all';
  approvers: ApproverState[];
  when: ConditionState[];
}

/** The names a rule may test besides the document's own fields (the engine adds them). */
export const RECORD_FACTS = ['company_id', 'owner_id', 'department_id'];

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return String(value);
}

export function conditionsFromJson(json: unknown): ConditionState[] {
  if (!Array.isArray(json)) return [];
  return json.map((c) => {
    const o = (c ?? {}) as Record<string, unknown>;
    const value = Array.isArray(o.value) ? o.value.map(text).join(', ') : text(o.value);
    return { field: typeof o.field === 'string' ? o.field : undefined, op: typeof o.op === 'string' ? o.op : undefined, value };
  });
}

export function stepsFromJson(json: unknown): StepState[] {
  if (!Array.isArray(json)) return [];
  return json.map((s) => {
    const o = (s ?? {}) as Record<string, unknown>;
    const approvers = Array.isArray(o.approvers)
      ? o.approvers.map((a) => {
          const x = (a ?? {}) as Record<string, unknown>;
          const out: ApproverState = { type: typeof x.type === 'string' ? x.type : undefined };
          if (typeof x.role === 'string') out.role = x.role;
          if (typeof x.user_id === 'number') out.user_id = x.user_id;
          return out;
        })
      : [];
    return {
      name: typeof o.name === 'string' ? o.name : undefined,
      mode: o.mode === 'all' ? 'all' : 'any',
      approvers,
      when: conditionsFromJson(o.when),
    };
  });
}

/**
 * A condition value as the engine compares it: booleans as JSON booleans, integer fields
 * (ids, counts) as integers, everything else — amounts above all — as text, because the engine
 * refuses floats and compares decimal text exactly.
 */
export function conditionValue(raw: string | undefined, op: string | undefined, field?: FieldMeta): unknown {
  const one = (v: string): unknown => {
    const s = v.trim();
    if (field?.kind === 'boolean' && (s === 'true' || s === 'false')) return s === 'true';
    if ((field?.kind === 'integer' || field?.kind === 'link') && /^-?\d+$/.test(s) && Number.isSafeInteger(Number(s))) {
      return Number(s);
    }
    return s;
  };
  const value = raw ?? '';
  if (op === 'in') return value.split(/[,，]/).map((v) => v.trim()).filter((v) => v !== '').map(one);
  return one(value);
}

export function conditionsToJson(rows: ConditionState[] | undefined, fields: FieldMeta[]): unknown[] {
  return (rows ?? []).map((c) => {
    const field = fields.find((f) => f.name === c.field) ?? (RECORD_FACTS.includes(c.field ?? '')
      ? ({ name: c.field, kind: 'integer', label: c.field } as FieldMeta) : undefined);
    return { field: c.field ?? '', op: c.op ?? '', value: conditionValue(c.value, c.op, field) };
  });
}

export function stepsToJson(steps: StepState[] | undefined, fields: FieldMeta[]): unknown[] {
  return (steps ?? []).map((s) => {
    const out: Record<string, unknown> = {
      name: s.name ?? '',
      mode: s.mode === 'all' ? 'all' : 'any',
      approvers: (s.approvers ?? []).map((a) => {
        if (a.type === 'role') return { type: 'role', role: a.role ?? '' };
        if (a.type === 'user') return { type: 'user', user_id: a.user_id ?? 0 };
        if (a.type === 'department_head') return { type: 'department_head' };
        return { type: a.type ?? '' };
      }),
    };
    if (s.when?.length) out.when = conditionsToJson(s.when, fields);
    return out;
  });
}

export function newStep(): StepState {
  return { name: '', mode: 'any', approvers: [{ type: 'department_head' }], when: [] };
}

/** The fields of an approval rule that the visual editor owns instead of a JSON text box. */
export const RULE_EDITOR_FIELDS = ['conditions', 'steps'];

/** Form values of the editor's fields for a stored rule (or a new rule's first empty step). */
export function ruleFormValues(record?: Record<string, unknown>): { conditions: ConditionState[]; steps: StepState[] } {
  if (!record) return { conditions: [], steps: [newStep()] };
  return { conditions: conditionsFromJson(record.conditions), steps: stepsFromJson(record.steps) };
}

/** The editor's values as the rule's JSON, typed by the document type's fields. */
export function ruleRecordValues(values: Record<string, unknown>, fields: FieldMeta[]): Record<string, unknown> {
  return {
    ...values,
    conditions: conditionsToJson(values.conditions as ConditionState[] | undefined, fields),
    steps: stepsToJson(values.steps as StepState[] | undefined, fields),
  };
}

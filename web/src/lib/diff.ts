// Two versions of a record (GET …/versions/{v}) side by side, field by field. Computed here rather
// than with the server's …/diff so the comparison can show every field, unchanged ones greyed,
// in the form's order and with the form's labels.
import type { FieldMeta } from '../api/types';

export interface DiffRow {
  field: FieldMeta;
  before: unknown;
  after: unknown;
  changed: boolean;
}

/** Values equal as the server would store them: null, undefined and '' are all "empty". */
export function sameValue(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  if (empty(a) && empty(b)) return true;
  return canonical(a) === canonical(b);
}

// JSON with sorted object keys, so {"a":1,"b":2} and {"b":2,"a":1} compare equal.
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)))
      : value);
}

/** Every field of `fields` present in either snapshot, in declaration order. */
export function diffVersions(fields: FieldMeta[], before: Record<string, unknown>, after: Record<string, unknown>): DiffRow[] {
  return fields
    .filter((f) => f.name in before || f.name in after)
    .map((f) => ({ field: f, before: before[f.name], after: after[f.name], changed: !sameValue(before[f.name], after[f.name]) }));
}

/** The two versions to compare when the history opens: the one before the latest, and the latest. */
export function defaultPair(versions: number[]): [number, number] | null {
  const sorted = [...versions].sort((a, b) => a - b);
  if (sorted.length < 2) return null;
  return [sorted[sorted.length - 2], sorted[sorted.length - 1]];
}

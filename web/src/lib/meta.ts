// Entity metadata (GET /api/v1/meta/entities/{name}) → what the generic form and list show,
// and record JSON ⇄ form values. Money, quantities and decimals stay strings throughout.
import type { EntityMeta, FieldMeta } from '../api/types';
import { isDecimalString, parseDecimalInput } from './decimal';

export type Widget =
  | 'input' | 'textarea' | 'integer' | 'decimal' | 'switch' | 'date' | 'datetime' | 'select' | 'link'
  | 'links' | 'tags' | 'email' | 'phone' | 'url' | 'json' | 'readonly';

export interface FormField {
  name: string;
  label: string;
  kind: string;
  widget: Widget;
  required: boolean;
  readOnly: boolean;
  help?: string;
  maxLength?: number;
  pattern?: string;
  scale?: number;
  options?: { value: string; label: string }[];
  linkTo?: string;
  meta: FieldMeta;
}

export interface FormSection {
  key: string;
  fields: FormField[];
}

const DECIMAL_KINDS = new Set(['decimal', 'money', 'quantity']);

export function isDecimalKind(kind: string): boolean {
  return DECIMAL_KINDS.has(kind);
}

export function widgetFor(field: FieldMeta): Widget {
  if (field.kind === 'attachment') return 'readonly';
  switch (field.kind) {
    case 'text':
      return (field.max_length ?? 0) > 200 ? 'textarea' : 'input';
    case 'integer':
      return 'integer';
    case 'decimal':
    case 'money':
    case 'quantity':
      return 'decimal';
    case 'boolean':
      return 'switch';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'enum':
      return 'select';
    case 'link':
      return 'link';
    case 'links':
      return 'links';
    case 'tags':
      return 'tags';
    case 'email':
      return 'email';
    case 'phone':
      return 'phone';
    case 'url':
      return 'url';
    case 'json':
      return 'json';
    default:
      return 'input';
  }
}

export function formField(field: FieldMeta): FormField {
  return {
    name: field.name,
    label: field.label,
    kind: field.kind,
    widget: widgetFor(field),
    required: !!field.required,
    readOnly: !!field.read_only,
    help: field.help,
    maxLength: field.max_length,
    pattern: field.pattern,
    scale: field.scale,
    options: field.options?.map((o) => ({ value: o.value, label: o.label })),
    linkTo: field.link_to,
    meta: field,
  };
}

/** Fields grouped by their declared section, in declaration order; unsectioned fields join "basic". */
export function formSections(meta: EntityMeta): FormSection[] {
  const sections: FormSection[] = [];
  for (const field of meta.fields) {
    const key = field.section || (field.custom ? 'custom' : 'basic');
    let section = sections.find((s) => s.key === key);
    if (!section) {
      section = { key, fields: [] };
      sections.push(section);
    }
    section.fields.push(formField(field));
  }
  return sections;
}

/** Fields shown as list columns by default. */
export function listColumns(meta: EntityMeta): FieldMeta[] {
  return meta.fields.filter((f) => f.in_list && f.kind !== 'json' && f.kind !== 'attachment');
}

/** A record's value as the form control holds it (dates stay ISO strings; the form converts). */
export function toFormValue(field: FieldMeta, value: unknown): unknown {
  if (value === null || value === undefined) return field.kind === 'boolean' ? false : undefined;
  if (field.kind === 'json') return JSON.stringify(value, null, 2);
  if (isDecimalKind(field.kind)) return String(value);
  return value;
}

/** Initial values of a new record: the declared defaults. */
export function defaultValues(meta: EntityMeta): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of meta.fields) {
    if (f.default === undefined) {
      if (f.kind === 'boolean') out[f.name] = false;
      continue;
    }
    if (f.kind === 'boolean') out[f.name] = f.default === 'true';
    else if (f.kind === 'integer') out[f.name] = Number(f.default);
    else out[f.name] = f.default;
  }
  return out;
}

export class InvalidInput extends Error {
  constructor(readonly field: string, readonly code: string) {
    super(code);
  }
}

/** A form control's value as record JSON; empty → null. Decimals are validated, never parsed to numbers. */
export function fromFormValue(field: FieldMeta, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (isDecimalKind(field.kind)) {
    const parsed = parseDecimalInput(String(value));
    if (parsed === null || !isDecimalString(parsed)) throw new InvalidInput(field.name, 'invalid_decimal');
    return parsed;
  }
  switch (field.kind) {
    case 'integer': {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      if (!Number.isSafeInteger(n)) throw new InvalidInput(field.name, 'invalid_integer');
      return n;
    }
    case 'boolean':
      return !!value;
    case 'json':
      try {
        return typeof value === 'string' ? JSON.parse(value) : value;
      } catch {
        throw new InvalidInput(field.name, 'invalid_json');
      }
    case 'links':
    case 'tags':
      return Array.isArray(value) && value.length === 0 ? null : value;
    case 'text':
    case 'email':
    case 'phone':
    case 'url':
      return String(value).trim() === '' ? null : value;
    default:
      return value;
  }
}

/**
 * The JSON body of a create (every filled writable field) or a patch (only changed writable
 * fields, plus `version`).
 */
export function recordPayload(
  meta: EntityMeta,
  values: Record<string, unknown>,
  original?: Record<string, unknown>,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of meta.fields) {
    if (field.read_only || field.kind === 'attachment' || !(field.name in values)) continue;
    const value = fromFormValue(field, values[field.name]);
    if (original) {
      const before = original[field.name] ?? null;
      if (JSON.stringify(before) === JSON.stringify(value)) continue;
    } else if (value === null) {
      continue;
    }
    body[field.name] = value;
  }
  if (original && original.version !== undefined) body.version = original.version;
  return body;
}

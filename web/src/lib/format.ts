// Locale-correct display of record values. Amounts go through the string formatter in decimal.ts.
import type { FieldMeta } from '../api/types';
import { formatDecimal } from './decimal';

export function formatDate(value: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

export function formatDateTime(value: string, locale: string): string {
  const date = new Date(value.includes('T') || value.endsWith('Z') ? value : value.replace(' ', 'T') + 'Z');
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(date);
}

export function formatInteger(value: number | string, locale: string): string {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isSafeInteger(n) ? new Intl.NumberFormat(locale).format(n) : String(value);
}

type LinkInfo = { id?: number; title?: string; code?: string };

/** A record value as text for lists, cards and read-only views. */
export function displayValue(
  field: FieldMeta,
  value: unknown,
  locale: string,
  t: (key: string) => string,
  link?: LinkInfo | LinkInfo[],
): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.kind) {
    case 'money':
      return formatDecimal(String(value), { scale: field.scale ?? 2, currency: 'CNY' });
    case 'decimal':
    case 'quantity':
      return formatDecimal(String(value), { scale: field.scale });
    case 'integer':
      return field.name.endsWith('_id') || field.name === 'record_id' ? String(value) : formatInteger(value as number, locale);
    case 'boolean':
      return value ? t('list.yes') : t('list.no');
    case 'date':
      return formatDate(String(value), locale);
    case 'datetime':
      return formatDateTime(String(value), locale);
    case 'enum':
      return field.options?.find((o) => o.value === value)?.label ?? String(value);
    case 'link': {
      const l = Array.isArray(link) ? link[0] : link;
      return l?.title ?? String(value);
    }
    case 'links':
    case 'tags': {
      if (!Array.isArray(value)) return String(value);
      if (Array.isArray(link)) return link.map((l) => l.title ?? String(l.id)).join(', ');
      return value.join(', ');
    }
    case 'json':
      return JSON.stringify(value);
    default:
      return String(value);
  }
}

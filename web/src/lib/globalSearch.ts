// Global search: which entities to ask (those with searchable fields, the everyday ones first)
// and how their answers become grouped options. Each entity's own list answers `q` with its
// full-text index (platform/entity: FTS5 trigram / pg_trgm), so no search endpoint is needed.
import type { EntityMeta, EntityRecord } from '../api/types';

/** Asked first and listed first: what people look up most. */
export const FIRST = ['customer', 'supplier', 'item', 'contact', 'employee'];
export const PER_ENTITY = 5;

export function searchable(metas: EntityMeta[]): EntityMeta[] {
  const rank = (name: string) => (FIRST.includes(name) ? FIRST.indexOf(name) : FIRST.length);
  return metas
    .filter((m) => m.actions.includes('read') && m.fields.some((f) => f.searchable))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.label.localeCompare(b.label));
}

export interface Hit {
  entity: string;
  id: number;
  label: string;
  href: string;
}

export interface HitGroup {
  entity: string;
  label: string;
  hits: Hit[];
}

/** "code title" of a record, or whichever of them it has, or its id. */
export function recordLabel(meta: Pick<EntityMeta, 'title_field' | 'code_field'>, r: EntityRecord): string {
  const title = r[meta.title_field || 'name'];
  const code = meta.code_field ? r[meta.code_field] : undefined;
  const parts = [code, title].filter((x) => x !== null && x !== undefined && x !== '').map(String);
  const unique = parts.filter((p, i) => parts.indexOf(p) === i);
  return unique.join(' ') || `#${r.id}`;
}

/** Groups in the order asked, empty ones left out. */
export function groupHits(answers: { meta: EntityMeta; items: EntityRecord[] }[]): HitGroup[] {
  return answers
    .filter((a) => a.items.length > 0)
    .map(({ meta, items }) => ({
      entity: meta.name,
      label: meta.label,
      hits: items.slice(0, PER_ENTITY).map((r) => ({ entity: meta.name, id: r.id, label: recordLabel(meta, r), href: `/e/${meta.name}/${r.id}` })),
    }));
}

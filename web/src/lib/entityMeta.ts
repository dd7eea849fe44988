import { api } from '../api/client';
import type { EntityMeta } from '../api/types';
import i18n from '../i18n';

const cache = new Map<string, Promise<EntityMeta>>();

/** The entity's metadata in the UI language, cached per company generation and language. */
export function entityMeta(name: string, generation: number): Promise<EntityMeta> {
  const key = `${generation}:${i18n.language}:${name}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = api.get<EntityMeta>(`/api/v1/meta/entities/${encodeURIComponent(name)}`);
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
  }
  return hit;
}

/** Drops the cached metadata of `name` (all languages and generations), e.g. after a custom field changed. */
export function forgetEntityMeta(name: string): void {
  for (const key of [...cache.keys()]) if (key.endsWith(`:${name}`)) cache.delete(key);
}

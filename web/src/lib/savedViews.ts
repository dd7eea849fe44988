// Saved views of a list: search, filters, sort and columns under a name, per user and entity, in
// the browser's localStorage (nothing on the server yet, so they stay on this browser).
export interface ListView {
  name: string;
  q: string;
  sort?: string;
  filters: Record<string, Record<string, string>>;
  columns: string[];
}

/** The part of Storage used here, so tests can pass a Map-backed one. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function viewsKey(userId: number, entity: string): string {
  return `verp.views.${userId}.${entity}`;
}

function isView(v: unknown): v is ListView {
  const o = v as ListView;
  return !!o && typeof o.name === 'string' && typeof o.q === 'string' && Array.isArray(o.columns) && typeof o.filters === 'object';
}

/** The views saved for this user and entity, sorted by name; anything unreadable is ignored. */
export function loadViews(store: KeyValueStore, userId: number, entity: string): ListView[] {
  try {
    const raw = JSON.parse(store.getItem(viewsKey(userId, entity)) ?? '[]');
    return Array.isArray(raw) ? raw.filter(isView).sort((a, b) => a.name.localeCompare(b.name)) : [];
  } catch {
    return [];
  }
}

/** Saves `view`, replacing one of the same name; returns the new list. */
export function saveView(store: KeyValueStore, userId: number, entity: string, view: ListView): ListView[] {
  const name = view.name.trim();
  const views = [...loadViews(store, userId, entity).filter((v) => v.name !== name), { ...view, name }]
    .sort((a, b) => a.name.localeCompare(b.name));
  store.setItem(viewsKey(userId, entity), JSON.stringify(views));
  return views;
}

export function removeView(store: KeyValueStore, userId: number, entity: string, name: string): ListView[] {
  const views = loadViews(store, userId, entity).filter((v) => v.name !== name);
  store.setItem(viewsKey(userId, entity), JSON.stringify(views));
  return views;
}

/** A view's columns that the entity still has (a custom field may have gone), in the entity's order. */
export function applicableColumns(view: ListView, fieldNames: string[]): string[] {
  return fieldNames.filter((n) => view.columns.includes(n));
}

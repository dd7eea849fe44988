// A role's grants as a matrix: resources × actions, each cell empty or a data scope; and back.
// A grant names one resource, one action and a scope; "*" stands for every resource or action,
// and is kept as its own row or column rather than spread over the others (the server matches
// it that way, and spreading would change what the role gets for entities added later).
import type { Grant } from '../api/types';

export const SCOPES = ['own', 'department', 'company', 'all_companies'] as const;
export type Scope = (typeof SCOPES)[number];

export const ENTITY_ACTIONS = ['read', 'create', 'update', 'delete', 'export', 'import'];
/** Resources that are not entities but are granted the same way (identity, audit, workflow). */
export const SYSTEM_RESOURCES: Record<string, string[]> = {
  user: ['read', 'create', 'update', 'export'],
  role: ['read', 'create', 'update', 'assign'],
  department: ['read', 'create', 'update', 'delete'],
  company: ['create'],
  custom_field: ['create', 'delete'],
  audit_log: ['read', 'export'],
  access_review: ['read'],
  approval_flow: ['read'],
};

export type Matrix = Record<string, Record<string, Scope>>;

export interface FieldRule {
  resource: string;
  field: string;
  access: 'hidden' | 'read_only';
}

function isScope(s: string): s is Scope {
  return (SCOPES as readonly string[]).includes(s);
}

export function matrixFromGrants(grants: Grant[]): Matrix {
  const m: Matrix = {};
  for (const g of grants) {
    if (!isScope(g.scope)) continue;
    (m[g.resource] ??= {})[g.action] = g.scope;
  }
  return m;
}

/** Grants in a stable order (resource, then action), so saving an unchanged matrix is a no-op. */
export function grantsFromMatrix(m: Matrix): Grant[] {
  const out: Grant[] = [];
  for (const resource of Object.keys(m).sort()) {
    for (const action of Object.keys(m[resource]).sort()) out.push({ resource, action, scope: m[resource][action] });
  }
  return out;
}

/** The matrix with one cell set (a scope) or cleared (null); rows left empty disappear. */
export function setCell(m: Matrix, resource: string, action: string, scope: Scope | null): Matrix {
  const row = { ...(m[resource] ?? {}) };
  if (scope) row[action] = scope;
  else delete row[action];
  const next = { ...m, [resource]: row };
  if (Object.keys(row).length === 0) delete next[resource];
  return next;
}

/** A whole row at once: every action of the resource at one scope, or none. */
export function setRow(m: Matrix, resource: string, actions: string[], scope: Scope | null): Matrix {
  return actions.reduce((acc, action) => setCell(acc, resource, action, scope), m);
}

/** Rows to show: granted resources first ("*" on top), then the other known resources, each once. */
export function matrixRows(m: Matrix, known: string[]): string[] {
  const granted = Object.keys(m).sort((a, b) => (a === '*' ? -1 : b === '*' ? 1 : a.localeCompare(b)));
  return [...granted, ...known.filter((r) => !(r in m)).sort()];
}

/** The columns for a resource: entity actions, or a system resource's own, plus whatever is granted. */
export function actionsFor(resource: string, m: Matrix): string[] {
  const base = SYSTEM_RESOURCES[resource] ?? ENTITY_ACTIONS;
  const extra = Object.keys(m[resource] ?? {}).filter((a) => !base.includes(a));
  return [...base, ...extra];
}

/** Field rules without duplicates: the last rule for a resource's field wins. */
export function normaliseFieldRules(rules: FieldRule[]): FieldRule[] {
  const byKey = new Map<string, FieldRule>();
  for (const r of rules) if (r.resource && r.field) byKey.set(`${r.resource}.${r.field}`, r);
  return [...byKey.values()].sort((a, b) => `${a.resource}.${a.field}`.localeCompare(`${b.resource}.${b.field}`));
}

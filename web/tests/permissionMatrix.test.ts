import { describe, expect, it } from 'vitest';
import {
  actionsFor, grantsFromMatrix, matrixFromGrants, matrixRows, normaliseFieldRules, setCell, setRow,
} from '../src/lib/permissionMatrix';

// Part of the sales template (src/modules/identity/role_templates.cpp).
const sales = [
  { resource: 'customer', action: 'read', scope: 'own' },
  { resource: 'customer', action: 'update', scope: 'own' },
  { resource: 'item', action: 'read', scope: 'company' },
  { resource: 'task', action: '*', scope: 'own' },
];

describe('permission matrix', () => {
  it('round-trips a role’s grants in a stable order', () => {
    const m = matrixFromGrants(sales);
    expect(m.customer).toEqual({ read: 'own', update: 'own' });
    expect(grantsFromMatrix(m)).toEqual([
      { resource: 'customer', action: 'read', scope: 'own' },
      { resource: 'customer', action: 'update', scope: 'own' },
      { resource: 'item', action: 'read', scope: 'company' },
      { resource: 'task', action: '*', scope: 'own' },
    ]);
  });

  it('changes one cell’s scope, clears a cell and drops a row left empty', () => {
    let m = matrixFromGrants(sales);
    m = setCell(m, 'customer', 'read', 'department');
    m = setCell(m, 'item', 'read', null);
    expect(m.customer.read).toBe('department');
    expect('item' in m).toBe(false);
    expect(matrixFromGrants(sales).customer.read).toBe('own'); // the original is not mutated
  });

  it('sets a whole row', () => {
    const m = setRow({}, 'supplier', ['read', 'create'], 'company');
    expect(grantsFromMatrix(m)).toEqual([
      { resource: 'supplier', action: 'create', scope: 'company' },
      { resource: 'supplier', action: 'read', scope: 'company' },
    ]);
    expect(setRow(m, 'supplier', ['read', 'create'], null)).toEqual({});
  });

  it('ignores a scope it does not know rather than inventing one', () => {
    expect(matrixFromGrants([{ resource: 'x', action: 'read', scope: 'galaxy' }])).toEqual({});
  });

  it('lists the wildcard row first, then granted rows, then the other known resources', () => {
    const m = matrixFromGrants([...sales, { resource: '*', action: 'read', scope: 'company' }]);
    expect(matrixRows(m, ['supplier', 'customer', 'account'])).toEqual(['*', 'customer', 'item', 'task', 'account', 'supplier']);
  });

  it('offers an entity’s actions, a system resource’s own, and keeps a granted wildcard column', () => {
    const m = matrixFromGrants(sales);
    expect(actionsFor('customer', m)).toEqual(['read', 'create', 'update', 'delete', 'export', 'import']);
    expect(actionsFor('role', m)).toContain('assign');
    expect(actionsFor('task', m)).toContain('*');
  });

  it('keeps one field rule per field, the last one given', () => {
    expect(normaliseFieldRules([
      { resource: 'item', field: 'standard_cost', access: 'hidden' },
      { resource: 'customer', field: 'credit_limit', access: 'hidden' },
      { resource: 'item', field: 'standard_cost', access: 'read_only' },
      { resource: '', field: 'x', access: 'hidden' },
    ])).toEqual([
      { resource: 'customer', field: 'credit_limit', access: 'hidden' },
      { resource: 'item', field: 'standard_cost', access: 'read_only' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { EntityMeta } from '../src/api/types';
import { groupHits, recordLabel, searchable } from '../src/lib/globalSearch';

const meta = (name: string, label: string, searchableField: boolean, actions = ['read']): EntityMeta => ({
  name, label, path: `/api/v1/${name}s`, title_field: 'name', code_field: 'code', actions,
  fields: [{ name: 'name', kind: 'text', label: 'n', searchable: searchableField }],
});

describe('global search', () => {
  it('asks only entities with a searchable field, customers, suppliers and items first', () => {
    const all = [meta('warehouse', '仓库', true), meta('item', '物料', true), meta('currency', '币种', false),
      meta('customer', '客户', true), meta('supplier', '供应商', true), meta('lead', '线索', true, [])];
    expect(searchable(all).map((m) => m.name)).toEqual(['customer', 'supplier', 'item', 'warehouse']);
  });

  it('labels a record by code and title, without repeating one that is both', () => {
    const m = meta('customer', '客户', true);
    expect(recordLabel(m, { id: 1, code: 'C-1', name: '华东' })).toBe('C-1 华东');
    expect(recordLabel(m, { id: 2, code: null, name: '华南' })).toBe('华南');
    expect(recordLabel({ title_field: 'code', code_field: 'code' }, { id: 3, code: 'X' })).toBe('X');
    expect(recordLabel(m, { id: 4 })).toBe('#4');
  });

  it('groups hits by entity in the order asked and leaves out empty groups', () => {
    const groups = groupHits([
      { meta: meta('customer', '客户', true), items: [{ id: 7, code: 'C-7', name: '华东精密' }] },
      { meta: meta('supplier', '供应商', true), items: [] },
      { meta: meta('item', '物料', true), items: [{ id: 9, code: 'I-9', name: '精密轴承' }] },
    ]);
    expect(groups.map((g) => g.label)).toEqual(['客户', '物料']);
    expect(groups[0].hits[0]).toEqual({ entity: 'customer', id: 7, label: 'C-7 华东精密', href: '/e/customer/7' });
  });
});

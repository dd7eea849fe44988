import { describe, expect, it } from 'vitest';
import { applicableColumns, loadViews, removeView, saveView, viewsKey, type KeyValueStore } from '../src/lib/savedViews';

function memory(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

const aGrade = { name: 'A 级客户', q: '', sort: '-credit_limit', filters: { grade: { '': 'A' } }, columns: ['code', 'name'] };

describe('saved list views', () => {
  it('saves per user and entity, and reads them back sorted by name', () => {
    const s = memory();
    saveView(s, 1, 'customer', aGrade);
    saveView(s, 1, 'customer', { ...aGrade, name: ' 华东 ', q: '华东' });
    expect(loadViews(s, 1, 'customer').map((v) => v.name)).toEqual(['A 级客户', '华东']);
    expect(loadViews(s, 2, 'customer')).toEqual([]);
    expect(loadViews(s, 1, 'supplier')).toEqual([]);
    expect(s.data.has(viewsKey(1, 'customer'))).toBe(true);
  });

  it('replaces a view saved again under the same name', () => {
    const s = memory();
    saveView(s, 1, 'customer', aGrade);
    const views = saveView(s, 1, 'customer', { ...aGrade, sort: 'name' });
    expect(views).toHaveLength(1);
    expect(views[0].sort).toBe('name');
  });

  it('removes a view by name', () => {
    const s = memory();
    saveView(s, 1, 'customer', aGrade);
    expect(removeView(s, 1, 'customer', 'A 级客户')).toEqual([]);
  });

  it('ignores what it cannot read instead of failing the list', () => {
    const s = memory();
    s.setItem(viewsKey(1, 'customer'), '{not json');
    expect(loadViews(s, 1, 'customer')).toEqual([]);
    s.setItem(viewsKey(1, 'customer'), JSON.stringify([{ name: 'x' }, aGrade]));
    expect(loadViews(s, 1, 'customer').map((v) => v.name)).toEqual(['A 级客户']);
  });

  it('keeps only the columns the entity still has, in its order', () => {
    expect(applicableColumns({ ...aGrade, columns: ['x_gone', 'name', 'code'] }, ['code', 'name', 'grade'])).toEqual(['code', 'name']);
  });
});

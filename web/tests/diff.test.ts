import { describe, expect, it } from 'vitest';
import type { FieldMeta } from '../src/api/types';
import { changeLines } from '../src/components/RecordAudit';
import { defaultPair, diffVersions, sameValue } from '../src/lib/diff';

const fields: FieldMeta[] = [
  { name: 'code', kind: 'text', label: '编码' },
  { name: 'name', kind: 'text', label: '名称' },
  { name: 'credit_limit', kind: 'money', label: '信用额度' },
  { name: 'tags', kind: 'tags', label: '标签' },
  { name: 'x_level', kind: 'text', label: '级别', custom: true },
];

describe('comparing two versions', () => {
  it('lists every field in declaration order and marks the changed ones', () => {
    const rows = diffVersions(fields,
      { id: 1, version: 1, code: 'C1', name: '华东', credit_limit: '1000.00', tags: ['a'] },
      { id: 1, version: 2, code: 'C1', name: '华东精密', credit_limit: '1000.00', tags: ['a'], x_level: 'A' });
    expect(rows.map((r) => [r.field.name, r.changed])).toEqual([
      ['code', false], ['name', true], ['credit_limit', false], ['tags', false], ['x_level', true],
    ]);
    expect(rows[1]).toMatchObject({ before: '华东', after: '华东精密' });
  });

  it('compares amounts as the strings the server sends, never as numbers', () => {
    expect(sameValue('1000.00', '1000.00')).toBe(true);
    expect(sameValue('1000.00', '1000.10')).toBe(false);
  });

  it('treats null, missing, empty text and an empty list as the same empty value', () => {
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue('', null)).toBe(true);
    expect(sameValue([], null)).toBe(true);
    expect(sameValue('a', null)).toBe(false);
  });

  it('ignores the order of keys in JSON values but not of list items', () => {
    expect(sameValue({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(false);
  });

  it('leaves out fields neither version has (hidden by a field rule)', () => {
    expect(diffVersions(fields, { name: 'a' }, { name: 'b' }).map((r) => r.field.name)).toEqual(['name']);
  });

  it('opens on the last two versions', () => {
    expect(defaultPair([3, 1, 2])).toEqual([2, 3]);
    expect(defaultPair([1])).toBeNull();
  });
});

describe('audit entries of a record', () => {
  it('shows each changed field with its label, before and after', () => {
    const lines = changeLines({ name: { before: '华东', after: '华东精密' }, email: { after: 'a@b.cn' } },
      (f) => (f === 'name' ? '名称' : f));
    expect(lines).toEqual(['名称: 华东 → 华东精密', 'email: ∅ → a@b.cn']);
  });

  it('shows details that are not field changes as key=value', () => {
    expect(changeLines({ rows: '3', format: 'csv' }, (f) => f)).toEqual(['rows=3', 'format=csv']);
    expect(changeLines(null, (f) => f)).toEqual([]);
  });
});

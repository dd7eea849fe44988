import { describe, expect, it } from 'vitest';
import type { EntityMeta } from '../src/api/types';
import { InvalidInput, defaultValues, formSections, listColumns, recordPayload, widgetFor } from '../src/lib/meta';

const customer: EntityMeta = {
  name: 'customer',
  path: '/api/v1/customers',
  label: '客户',
  actions: ['read', 'create', 'update'],
  fields: [
    { name: 'code', kind: 'text', label: '编码', read_only: true, in_list: true, section: 'basic' },
    { name: 'name', kind: 'text', label: '客户名称', required: true, max_length: 100, in_list: true, section: 'basic' },
    { name: 'status', kind: 'enum', label: '状态', default: 'active', section: 'classification', in_list: true,
      options: [{ value: 'active', label: '合作中' }, { value: 'ended', label: '终止' }] },
    { name: 'credit_limit', kind: 'money', label: '信用额度', scale: 2, section: 'finance', in_list: true },
    { name: 'notes', kind: 'text', label: '备注', max_length: 2000 },
    { name: 'vip', kind: 'boolean', label: 'VIP' },
    { name: 'headcount', kind: 'integer', label: '人数', default: '10' },
    { name: 'extra', kind: 'json', label: 'JSON', in_list: true },
    { name: 'x_level', kind: 'text', label: '级别', custom: true },
  ],
};

describe('meta → form', () => {
  it('groups fields by section in declaration order', () => {
    const sections = formSections(customer);
    expect(sections.map((s) => s.key)).toEqual(['basic', 'classification', 'finance', 'custom']);
    expect(sections[0].fields.map((f) => f.name)).toEqual(['code', 'name', 'notes', 'vip', 'headcount', 'extra']);
    expect(sections[0].fields[0].readOnly).toBe(true);
    expect(sections[1].fields[0].options).toHaveLength(2);
  });
  it('chooses a control per field kind', () => {
    expect(widgetFor({ name: 'a', kind: 'money', label: '' })).toBe('decimal');
    expect(widgetFor({ name: 'a', kind: 'text', label: '', max_length: 2000 })).toBe('textarea');
    expect(widgetFor({ name: 'a', kind: 'link', label: '', link_to: 'customer' })).toBe('link');
    expect(widgetFor({ name: 'a', kind: 'enum', label: '' })).toBe('select');
    expect(widgetFor({ name: 'a', kind: 'tags', label: '' })).toBe('tags');
  });
  it('lists in_list fields except JSON', () => {
    expect(listColumns(customer).map((f) => f.name)).toEqual(['code', 'name', 'status', 'credit_limit']);
  });
  it('starts a new record from the declared defaults', () => {
    expect(defaultValues(customer)).toEqual({ status: 'active', vip: false, headcount: 10 });
  });
});

describe('form → record JSON', () => {
  it('sends money as a normalised string and leaves out empty and read-only fields', () => {
    const body = recordPayload(customer, { code: 'C1', name: '华东机电', credit_limit: '¥12,345.60', notes: '', vip: true });
    expect(body).toEqual({ name: '华东机电', credit_limit: '12345.60', vip: true });
    expect(typeof body.credit_limit).toBe('string');
  });
  it('refuses a malformed amount', () => {
    expect(() => recordPayload(customer, { credit_limit: '12,3a' })).toThrow(InvalidInput);
  });
  it('patches only what changed, with the version', () => {
    const original = { id: 7, version: 3, name: '华东机电', credit_limit: '100.00', notes: null, extra: { a: 1 } };
    const body = recordPayload(customer, { name: '华东机电', credit_limit: '200', notes: '', extra: '{"a": 1}' }, original);
    expect(body).toEqual({ credit_limit: '200', version: 3 });
  });
  it('clears a field by sending null', () => {
    expect(recordPayload(customer, { name: 'x', notes: '' }, { version: 1, name: 'x', notes: 'old' })).toEqual({
      notes: null,
      version: 1,
    });
  });
});

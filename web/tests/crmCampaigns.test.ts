import { describe, expect, it } from 'vitest';
import type { CampaignResults } from '../src/api/crm/campaigns';
import type { FieldMeta } from '../src/api/types';
import { fromFilter, funnel, operatorsFor, percent, segmentFields, stepsFor, toFilter } from '../src/lib/crm/campaigns';

const fields: FieldMeta[] = [
  { name: 'grade', kind: 'enum', label: '客户等级' },
  { name: 'region', kind: 'text', label: '地区' },
  { name: 'tags', kind: 'tags', label: '标签' },
  { name: 'x_stores', kind: 'integer', label: '门店数', custom: true },
  { name: 'credit_limit', kind: 'money', label: '信用额度' },
  { name: 'contract', kind: 'attachment', label: '合同' },
];

describe('segment editor', () => {
  it('offers the comparisons the server accepts for each kind', () => {
    expect(operatorsFor('tags')).toContain('contains');
    expect(operatorsFor('tags')).not.toContain('gt');
    expect(operatorsFor('money')).toContain('gte');
    expect(operatorsFor('money')).not.toContain('in');
    expect(operatorsFor('integer')).toContain('in');
    expect(operatorsFor('boolean')).toEqual(['eq', 'ne']);
    expect(operatorsFor('enum')).not.toContain('contains');
  });

  it('leaves attachments out of the field picker', () => {
    expect(segmentFields(fields).map((f) => f.name)).not.toContain('contract');
  });

  it('turns rows into the filter JSON with typed values, and back', () => {
    const filter = toFilter({
      mode: 'all',
      rows: [
        { field: 'grade', op: 'in', value: 'A, B，C' },
        { field: 'x_stores', op: 'gte', value: '10' },
        { field: 'credit_limit', op: 'gt', value: 5000 },
        { field: 'tags', op: 'empty', value: 'ignored' },
        { field: '', op: 'eq', value: 'half-typed row' },
      ],
    }, fields);
    expect(filter).toEqual({
      all: [
        { field: 'grade', op: 'in', value: ['A', 'B', 'C'] },
        { field: 'x_stores', op: 'gte', value: 10 },
        { field: 'credit_limit', op: 'gt', value: '5000' },
        { field: 'tags', op: 'empty' },
      ],
    });
    const back = fromFilter({ any: [{ field: 'region', op: 'contains', value: '广东' }, { all: [{ field: 'grade', op: 'eq', value: 'A' }] }] });
    expect(back.mode).toBe('any');
    expect(back.rows).toEqual([{ field: 'region', op: 'contains', value: '广东' }]);
    expect(back.nested).toHaveLength(1);
    expect(toFilter(back, fields, back.nested)).toEqual({
      any: [{ field: 'region', op: 'contains', value: '广东' }, { all: [{ field: 'grade', op: 'eq', value: 'A' }] }],
    });
  });
});

describe('campaign dashboard', () => {
  const results = {
    sent: 200, delivered: 190, opened: 95, clicked: 19, converted: 3,
  } as CampaignResults;

  it('draws the funnel as shares of what was sent', () => {
    expect(funnel(results).map((s) => [s.key, s.value, s.ofSent])).toEqual([
      ['sent', 200, 100], ['delivered', 190, 95], ['opened', 95, 47.5], ['clicked', 19, 9.5], ['converted', 3, 1.5],
    ]);
    expect(funnel({ ...results, sent: 0 })[0].ofSent).toBeNull();
  });

  it('shows the server\'s decimal rates as percentages without floating-point drift', () => {
    expect(percent('0.5000')).toBe('50.0');
    expect(percent('0.0333')).toBe('3.3');
    expect(percent('4.6500')).toBe('465.0');
    expect(percent('-0.2500')).toBe('-25.0');
    expect(percent(null)).toBeNull();
  });

  it('offers each status its steps; only a draft is edited', () => {
    expect(stepsFor('draft')).toEqual({ edit: true, schedule: true, send: true, cancel: true });
    expect(stepsFor('scheduled')).toEqual({ edit: false, schedule: false, send: true, cancel: true });
    expect(stepsFor('sent')).toEqual({ edit: false, schedule: false, send: false, cancel: false });
  });
});

import { describe, expect, it } from 'vitest';
import { problemToForm } from '../src/api/problem';
import type { FieldMeta } from '../src/api/types';
import {
  conditionsFromJson, conditionsToJson, newStep, ruleFormValues, ruleRecordValues, stepsFromJson, stepsToJson,
} from '../src/lib/approvalRule';

// The expense claim of the workflow module's tests: an amount, a flag and a category.
const claim: FieldMeta[] = [
  { name: 'amount', kind: 'money', label: '金额', scale: 2 },
  { name: 'urgent', kind: 'boolean', label: '加急' },
  { name: 'category', kind: 'enum', label: '类别' },
  { name: 'headcount', kind: 'integer', label: '人数' },
];

// The example rule of src/modules/workflow/README.md.
const readmeRule = {
  conditions: [{ field: 'amount', op: 'gt', value: '1000' }],
  steps: [
    { name: '部门负责人审批', mode: 'any', approvers: [{ type: 'department_head' }] },
    { name: '财务经理审批', mode: 'all',
      approvers: [{ type: 'role', role: 'finance_manager' }, { type: 'user', user_id: 7 }],
      when: [{ field: 'amount', op: 'gte', value: '50000' }] },
  ],
};

describe('approval rule JSON ⇄ editor', () => {
  it('round-trips the README example unchanged', () => {
    const form = ruleFormValues(readmeRule);
    expect(form.steps[1]).toEqual({
      name: '财务经理审批', mode: 'all',
      approvers: [{ type: 'role', role: 'finance_manager' }, { type: 'user', user_id: 7 }],
      when: [{ field: 'amount', op: 'gte', value: '50000' }],
    });
    expect(ruleRecordValues({ name: 'x', ...form }, claim)).toEqual({ name: 'x', ...readmeRule });
  });

  it('keeps amounts as text, never floats (the engine refuses them)', () => {
    expect(conditionsToJson([{ field: 'amount', op: 'gt', value: ' 50000.10 ' }], claim))
      .toEqual([{ field: 'amount', op: 'gt', value: '50000.10' }]);
  });

  it('types booleans and integer fields, and splits "in" lists on either comma', () => {
    expect(conditionsToJson([
      { field: 'urgent', op: 'eq', value: 'true' },
      { field: 'headcount', op: 'gte', value: '12' },
      { field: 'category', op: 'in', value: 'travel，meals, ' },
      { field: 'department_id', op: 'in', value: '3,4' },
    ], claim)).toEqual([
      { field: 'urgent', op: 'eq', value: true },
      { field: 'headcount', op: 'gte', value: 12 },
      { field: 'category', op: 'in', value: ['travel', 'meals'] },
      { field: 'department_id', op: 'in', value: [3, 4] },
    ]);
  });

  it('shows stored list and boolean values as text to edit', () => {
    expect(conditionsFromJson([{ field: 'category', op: 'in', value: ['travel', 'meals'] }, { field: 'urgent', op: 'eq', value: true }]))
      .toEqual([{ field: 'category', op: 'in', value: 'travel, meals' }, { field: 'urgent', op: 'eq', value: 'true' }]);
  });

  it('keeps incomplete rows at their index so the server can name them', () => {
    const steps = stepsToJson([{ name: '', mode: 'any', approvers: [{ type: 'role' }, { type: 'user' }], when: [] }], claim);
    expect(steps).toEqual([{ name: '', mode: 'any', approvers: [{ type: 'role', role: '' }, { type: 'user', user_id: 0 }] }]);
  });

  it('leaves out an empty "when" and drops a role left over from a changed approver type', () => {
    expect(stepsToJson([{ name: 'a', mode: 'any', approvers: [{ type: 'department_head', role: 'sales' }], when: [] }], claim))
      .toEqual([{ name: 'a', mode: 'any', approvers: [{ type: 'department_head' }] }]);
  });

  it('starts a new rule with one step approved by the department head', () => {
    expect(ruleFormValues()).toEqual({ conditions: [], steps: [newStep()] });
    expect(stepsFromJson('not a list')).toEqual([]);
  });
});

describe('server errors on a rule land on the editor control', () => {
  const known = ['name', 'document_type', 'priority', 'active', 'conditions', 'steps', 'description'];

  it('maps nested paths to form names', () => {
    const mapped = problemToForm({
      title: '数据校验失败',
      errors: [
        { field: 'steps[1].approvers[0].role', code: 'invalid', message: '角色编码无效' },
        { field: 'conditions[0].value', code: 'invalid', message: '条件值无效' },
        { field: 'steps[0].when[2].field', code: 'unknown', message: '没有这个字段' },
        { field: 'steps', code: 'invalid', message: '至少一步' },
      ],
    }, known);
    expect(mapped.fields.map((f) => f.name)).toEqual([
      ['steps', 1, 'approvers', 0, 'role'], ['conditions', 0, 'value'], ['steps', 0, 'when', 2, 'field'], ['steps'],
    ]);
    expect(mapped.general).toEqual([]);
  });

  it('puts the refused document type at its own field', () => {
    const mapped = problemToForm({ title: 'x', errors: [{ field: 'document_type', code: 'not_approvable', message: '不需要审批' }] }, known);
    expect(mapped.fields).toEqual([{ name: ['document_type'], errors: ['不需要审批'] }]);
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError, fieldPath, problemToForm } from '../src/api/problem';

describe('problemToForm', () => {
  it('puts each error at its field and keeps several messages per field', () => {
    const p = problemToForm(
      {
        title: '输入内容无效。',
        status: 400,
        errors: [
          { field: 'name', code: 'required', message: '必填' },
          { field: 'email', code: 'invalid_email', message: '邮箱格式不对' },
          { field: 'email', code: 'too_long', message: '太长' },
        ],
      },
      ['name', 'email'],
    );
    expect(p.fields).toEqual([
      { name: ['name'], errors: ['必填'] },
      { name: ['email'], errors: ['邮箱格式不对', '太长'] },
    ]);
    expect(p.general).toEqual([]);
  });
  it('reports errors on fields the form does not show, with the title', () => {
    const p = problemToForm(
      { title: 'Invalid input.', errors: [{ field: 'company_id', code: 'not_writable', message: 'not writable' }] },
      ['name'],
    );
    expect(p.fields).toEqual([]);
    expect(p.general).toEqual(['Invalid input.', 'company_id: not writable']);
  });
  it('uses the title when there are no field errors', () => {
    expect(problemToForm({ title: 'Stale version', status: 409 }, ['name']).general).toEqual(['Stale version']);
  });
  it('falls back to the code when the message is empty', () => {
    expect(problemToForm({ errors: [{ field: 'x', code: 'pattern', message: '' }] }, ['x']).fields[0].errors).toEqual([
      'pattern',
    ]);
  });
});

describe('fieldPath', () => {
  it('splits nested paths', () => {
    expect(fieldPath('lines[0].quantity')).toEqual(['lines', 0, 'quantity']);
    expect(fieldPath('custom.x_level')).toEqual(['custom', 'x_level']);
    expect(fieldPath('name')).toEqual(['name']);
  });
});

describe('ApiError', () => {
  it('recognises the duplicate warning', () => {
    const e = new ApiError(409, { type: 'urn:verp:problem:possible-duplicates', duplicates: [{ id: 1, title: 'A' }] });
    expect(e.isDuplicateWarning).toBe(true);
    expect(new ApiError(409, { type: 'urn:verp:problem:conflict' }).isDuplicateWarning).toBe(false);
  });
});

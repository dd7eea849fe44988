import { describe, expect, it } from 'vitest';
import { displayValue, formatDate, formatInteger } from '../src/lib/format';

const t = (k: string) => ({ 'list.yes': '是', 'list.no': '否' })[k] ?? k;

describe('displayValue', () => {
  it('shows money as yuan with grouping, never through a float', () => {
    expect(displayValue({ name: 'credit_limit', kind: 'money', label: '', scale: 2 }, '1234.5', 'zh-CN', t)).toBe('¥1,234.50');
    expect(displayValue({ name: 'q', kind: 'quantity', label: '', scale: 4 }, '9007199254740993.5', 'zh-CN', t)).toBe(
      '9,007,199,254,740,993.5000',
    );
  });
  it('shows enum labels, booleans and link titles', () => {
    const status = { name: 'status', kind: 'enum', label: '', options: [{ value: 'active', label: '合作中' }] };
    expect(displayValue(status, 'active', 'zh-CN', t)).toBe('合作中');
    expect(displayValue({ name: 'vip', kind: 'boolean', label: '' }, true, 'zh-CN', t)).toBe('是');
    expect(displayValue({ name: 'currency', kind: 'link', label: '' }, 3, 'zh-CN', t, { id: 3, title: '人民币' })).toBe('人民币');
  });
});

describe('dates and integers', () => {
  it('follow the locale', () => {
    expect(formatDate('2026-03-05', 'zh-CN')).toBe('2026/03/05');
    expect(formatDate('2026-03-05', 'en-US')).toBe('03/05/2026');
    expect(formatInteger(1234567, 'en-US')).toBe('1,234,567');
  });
});

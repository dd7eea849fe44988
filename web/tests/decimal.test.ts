import { describe, expect, it } from 'vitest';
import { compareDecimal, formatDecimal, parseDecimalInput, roundDecimal } from '../src/lib/decimal';

describe('formatDecimal', () => {
  it('formats money in yuan with grouping and two decimals', () => {
    expect(formatDecimal('1234.5', { scale: 2, currency: 'CNY' })).toBe('¥1,234.50');
    expect(formatDecimal('1234567.891', { scale: 2, currency: 'CNY' })).toBe('¥1,234,567.89');
    expect(formatDecimal('-1234.5', { scale: 2, currency: 'CNY' })).toBe('-¥1,234.50');
    expect(formatDecimal('0', { scale: 2, currency: 'USD' })).toBe('$0.00');
  });
  it('keeps amounts beyond double precision exact', () => {
    expect(formatDecimal('12345678901234567890.12', { scale: 2 })).toBe('12,345,678,901,234,567,890.12');
    expect(formatDecimal('0.1', { scale: 2 })).toBe('0.10');
  });
  it('rounds half away from zero', () => {
    expect(roundDecimal('2.345', 2)).toBe('2.35');
    expect(roundDecimal('-2.345', 2)).toBe('-2.35');
    expect(roundDecimal('2.344', 2)).toBe('2.34');
    expect(roundDecimal('999.995', 2)).toBe('1000.00');
    expect(roundDecimal('0.5', 0)).toBe('1');
    expect(roundDecimal('-0.004', 2)).toBe('0.00');
  });
  it('shows the value as given without a scale', () => {
    expect(formatDecimal('1000.1250')).toBe('1,000.1250');
    expect(formatDecimal('12')).toBe('12');
  });
  it('leaves empty and non-decimal values alone', () => {
    expect(formatDecimal(null)).toBe('');
    expect(formatDecimal('')).toBe('');
    expect(formatDecimal('abc')).toBe('abc');
  });
});

describe('parseDecimalInput', () => {
  it('accepts grouping, currency signs and full-width digits', () => {
    expect(parseDecimalInput('1,234.50')).toBe('1234.50');
    expect(parseDecimalInput('¥ 1 234.5')).toBe('1234.5');
    expect(parseDecimalInput('１２３．４')).toBe('123.4');
    expect(parseDecimalInput('-0.0')).toBe('0.0');
  });
  it('refuses what is not a number', () => {
    expect(parseDecimalInput('12a')).toBeNull();
    expect(parseDecimalInput('1.2.3')).toBeNull();
    expect(parseDecimalInput('')).toBeNull();
  });
});

describe('compareDecimal', () => {
  it('compares exactly', () => {
    expect(compareDecimal('10.00', '9.999')).toBe(1);
    expect(compareDecimal('-1', '0')).toBe(-1);
    expect(compareDecimal('1.50', '1.5')).toBe(0);
    expect(compareDecimal('-2', '-10')).toBe(1);
  });
});

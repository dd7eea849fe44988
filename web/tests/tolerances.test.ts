import { describe, expect, it } from 'vitest';
import { fractionToPercent, percentToFraction, tolerancesAsPercent, tolerancesBody } from '../src/lib/tolerances';

describe('tolerances: fractions on the wire, percentages on the screen', () => {
  it('shows the server’s fractions as percentages, exactly', () => {
    expect(fractionToPercent('0.05')).toBe('5');
    expect(fractionToPercent('0.125')).toBe('12.5');
    expect(fractionToPercent('0.0525')).toBe('5.25');
    expect(fractionToPercent('0.5')).toBe('50');
    expect(fractionToPercent('0')).toBe('0');
    expect(fractionToPercent('0.0000')).toBe('0');
    expect(fractionToPercent('0.0001')).toBe('0.01');
  });
  it('sends typed percentages as decimal strings, never floats', () => {
    expect(percentToFraction('5')).toBe('0.05');
    expect(percentToFraction('12.5')).toBe('0.125');
    expect(percentToFraction(' 5.25 % ')).toBe('0.0525');
    expect(percentToFraction('５％')).toBe('0.05');
    expect(percentToFraction('50')).toBe('0.5');
    expect(percentToFraction('0')).toBe('0');
    // 0.1 + 0.2 style traps: 0.07 % is exactly 0.0007, 57 % exactly 0.57.
    expect(percentToFraction('0.07')).toBe('0.0007');
    expect(percentToFraction('57')).toBe('0.57');
  });
  it('leaves range and precision to the server, which names the field', () => {
    expect(percentToFraction('60')).toBe('0.6');
    expect(percentToFraction('-1')).toBe('-0.01');
    expect(percentToFraction('1.234')).toBe('0.01234');
  });
  it('refuses what is not a number', () => {
    expect(percentToFraction('')).toBeNull();
    expect(percentToFraction('abc')).toBeNull();
    expect(percentToFraction('5%%')).toBeNull();
  });
  it('round-trips every percentage with two decimals', () => {
    for (const p of ['0', '0.01', '1', '2.5', '10', '33.33', '49.99', '50']) expect(fractionToPercent(percentToFraction(p)!)).toBe(p);
  });
  it('builds the PUT body, or names the fields that are not numbers', () => {
    expect(tolerancesBody({ over_receipt: '5', invoice_quantity: '0', invoice_price: '1' }))
      .toEqual({ ok: true, body: { over_receipt: '0.05', invoice_quantity: '0', invoice_price: '0.01' } });
    expect(tolerancesBody({ over_receipt: 'x', invoice_quantity: '0', invoice_price: '' }))
      .toEqual({ ok: false, invalid: ['over_receipt', 'invoice_price'] });
  });
  it('reads the server’s answer as the form’s percentages', () => {
    expect(tolerancesAsPercent({ over_receipt: '0.05', invoice_quantity: '0', invoice_price: '0.01' }))
      .toEqual({ over_receipt: '5', invoice_quantity: '0', invoice_price: '1' });
  });
});

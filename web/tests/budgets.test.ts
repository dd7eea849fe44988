import { describe, expect, it } from 'vitest';
import { evenSplit, executionBars, monthlyAmounts, sumAmounts } from '../src/lib/budgets';

describe('budget even split preview', () => {
  it('splits as the server does: cents truncated each month, the remainder in December', () => {
    expect(evenSplit('12000')).toEqual(Array(12).fill('1000.00'));
    const split = evenSplit('100.00')!;
    expect(split.slice(0, 11)).toEqual(Array(11).fill('8.33'));
    expect(split[11]).toBe('8.37');
    expect(sumAmounts(split)).toBe('100.00');
    expect(evenSplit('0.11')).toEqual([...Array(11).fill('0.00'), '0.11']);
    expect(evenSplit('1,000,000.01')!.at(-1)).toBe('83333.38');
    expect(sumAmounts(evenSplit('987654321.99')!)).toBe('987654321.99');
  });

  it('has no preview for what is not an amount of zero or more', () => {
    expect(evenSplit('')).toBeNull();
    expect(evenSplit('abc')).toBeNull();
    expect(evenSplit('1.005')).toBeNull();
    expect(evenSplit('-12')).toBeNull();
    expect(evenSplit('0')).toEqual(Array(12).fill('0.00'));
  });
});

describe('twelve monthly amounts', () => {
  it('turns blanks into zero and names the months that are not amounts', () => {
    const typed = ['1000', '', '1,500.5', 'x', '-1', ...Array(7).fill('0')];
    expect(monthlyAmounts(typed)).toEqual({
      months: ['1000.00', '0.00', '1500.50', '', '0.00', ...Array(7).fill('0.00')],
      invalid: [3, 4],
    });
    expect(monthlyAmounts([]).months).toEqual(Array(12).fill('0.00'));
  });
});

describe('budget execution bars', () => {
  it('adds up the budgets of an account (by department or project) in cents, by code', () => {
    const bars = executionBars([
      { account: '6602', account_name: '管理费用', budget: '1000.10', used: '800.20' },
      { account: '6601', account_name: '销售费用', budget: '500.00', used: '750.00' },
      { account: '6602', account_name: '管理费用', budget: '0.20', used: '0.10' },
    ]);
    expect(bars).toEqual({ labels: ['6601 销售费用', '6602 管理费用'], budget: [500, 1000.3], used: [750, 800.3] });
  });
});

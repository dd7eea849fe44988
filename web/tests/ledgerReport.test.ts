import { describe, expect, it } from 'vitest';
import { balanceSeries, closingByCategory, rowsToLevel, shiftPeriod, signedBalance } from '../src/lib/ledgerReport';

const row = (code: string, category: string, closing_debit: string, closing_credit: string) =>
  ({ code, level: (code.length - 4) / 2 + 1, category, closing_debit, closing_credit });

describe('trial balance figures', () => {
  const rows = [
    row('1002', 'asset', '434000.00', '0.00'),
    row('1122', 'asset', '40400.00', '0.00'),
    row('2221', 'liability', '2600.00', '0.00'),
    row('222101', 'liability', '2600.00', '0.00'),
    row('22210102', 'liability', '0.00', '10400.00'),
    row('4001', 'equity', '0.00', '500000.00'),
    row('4103', 'equity', '0.00', '17000.00'),
    row('6001', 'profit_loss', '0.00', '0.00'),
  ];

  it('shows the rows down to a level', () => {
    expect(rowsToLevel(rows, 1).map((r) => r.code)).toEqual(['1002', '1122', '2221', '4001', '4103', '6001']);
    expect(rowsToLevel(rows, 2)).toHaveLength(7);
    expect(rowsToLevel(rows, 4)).toHaveLength(8);
  });

  it('adds level-1 closing balances per category on the category\'s own side', () => {
    expect(closingByCategory(rows)).toEqual([
      { category: 'asset', amount: '474400.00' },
      { category: 'liability', amount: '-2600.00' },
      { category: 'equity', amount: '517000.00' },
      { category: 'profit_loss', amount: '0.00' },
    ]);
  });
});

describe('ledger figures', () => {
  it('signs a balance by its side, on the account\'s own side', () => {
    expect(signedBalance('借', '40400.00', 'debit')).toBe('40400.00');
    expect(signedBalance('Cr', '5.00', 'debit')).toBe('-5.00');
    expect(signedBalance('贷', '17000.00', 'credit')).toBe('17000.00');
    expect(signedBalance('平', '0.00', 'credit')).toBe('0.00');
  });

  it('makes the running balance series without the totals rows', () => {
    const series = balanceSeries({
      direction: 'debit',
      opening: { side: '平', balance: '0.00' },
      entries: [
        { kind: 'line', date: '2026-03-10', voucher: '记-0003', side: '借', balance: '90400.00' },
        { kind: 'line', date: '2026-03-20', voucher: '记-0006', side: '借', balance: '40400.00' },
        { kind: 'month_total', side: '借', balance: '40400.00' },
        { kind: 'year_total', side: '借', balance: '40400.00' },
      ],
    }, '期初');
    expect(series).toEqual([
      { label: '期初', amount: '0.00' },
      { label: '2026-03-10 记-0003', amount: '90400.00' },
      { label: '2026-03-20 记-0006', amount: '40400.00' },
    ]);
  });

  it('moves between period codes across years', () => {
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
    expect(shiftPeriod('2026-03', 0)).toBe('2026-03');
  });
});

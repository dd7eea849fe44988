import { describe, expect, it } from 'vitest';
import {
  balanceSeries, balanceSheetHalves, closingByCategory, incomeBars, rowsToLevel, shiftPeriod, signedBalance,
} from '../src/lib/ledgerReport';

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

describe('financial statements', () => {
  const line = (key: string, amount: string, total = false) => ({ key, label: key, total, amount, year_to_date: amount });

  it('splits the balance sheet after total assets', () => {
    const lines = [line('cash', '1.00'), line('assets', '1.00', true), line('short_term_loans', '0.00'), line('liabilities_and_equity', '1.00', true)];
    const { assets, claims } = balanceSheetHalves(lines);
    expect(assets.map((l) => l.key)).toEqual(['cash', 'assets']);
    expect(claims.map((l) => l.key)).toEqual(['short_term_loans', 'liabilities_and_equity']);
    expect(balanceSheetHalves([line('cash', '1.00')]).claims).toEqual([]);
  });

  it('adds up costs and expenses in cents for the income chart', () => {
    const lines = [
      line('revenue', '3000.00'), line('cost_of_sales', '1200.10'), line('financial_expenses', '50.20'),
      line('investment_income', '10.00'), line('operating_profit', '1759.70', true), line('income_tax', '0.00'),
      line('net_profit', '1759.70', true),
    ];
    expect(incomeBars(lines, (l) => l.amount)).toEqual([
      { key: 'revenue', amount: '3000.00' }, { key: 'costs', amount: '1250.30' }, { key: 'net_profit', amount: '1759.70' },
    ]);
    expect(incomeBars([], (l) => l.amount).map((b) => b.amount)).toEqual(['0.00', '0.00', '0.00']);
  });
});

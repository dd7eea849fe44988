import { describe, expect, it } from 'vitest';
import {
  balancingAmount, blankLine, cellKey, centsToDecimal, chartOf, fillBalance, linesFromVoucher, matchAccount, nextCell,
  previousCell, suggestWord, summaryInput, swapSide, touchesCash, toCents, totals, voucherBody, voucherProblem, type AccountInfo, type GridLine,
} from '../src/lib/voucherGrid';

function line(summary: string, account: string, debit = '', credit = '', extra: Partial<GridLine> = {}): GridLine {
  return { ...blankLine(), summary, account, debit, credit, ...extra };
}

const chart = chartOf([
  { id: 1, code: '1002', name: '银行存款', category: 'asset', direction: 'debit', is_cash: true },
  { id: 2, code: '1122', name: '应收账款', category: 'asset', direction: 'debit', aux_customer: true },
  { id: 3, code: '2221', name: '应交税费', category: 'liability', direction: 'credit' },
  { id: 4, code: '222101', name: '应交增值税', parent_id: 3, category: 'liability', direction: 'credit' },
  { id: 5, code: '22210102', name: '销项税额', name_en: 'Output VAT', parent_id: 4, category: 'liability', direction: 'credit' },
  { id: 6, code: '6001', name: '主营业务收入', category: 'profit_loss', direction: 'credit', aux_customer: true, aux_item: true },
  { id: 7, code: '1001', name: '库存现金', category: 'asset', direction: 'debit', is_cash: true, active: false },
]);
const byCode = new Map(chart.map((a) => [a.code, a]));
const lookup = (code: string): AccountInfo | undefined => byCode.get(code);

describe('amounts in cents', () => {
  it('reads typed amounts exactly and refuses fractions of a cent', () => {
    expect(toCents('')).toBe(0n);
    expect(toCents('1,234.5')).toBe(123450n);
    expect(toCents('-0.05')).toBe(-5n);
    expect(toCents('１００')).toBe(10000n);
    expect(toCents('0.001')).toBeNull();
    expect(toCents('1.500')).toBe(150n);
    expect(toCents('abc')).toBeNull();
    expect(centsToDecimal(123450n)).toBe('1234.50');
    expect(centsToDecimal(-5n)).toBe('-0.05');
    expect(centsToDecimal(0n)).toBe('0.00');
  });

  it('adds up both sides and the difference', () => {
    const t = totals([line('a', '1002', '90400.00'), line('', '6001', '', '80000'), line('', '22210102', '', '10400.01')]);
    expect(t).toEqual({ debit: '90400.00', credit: '90400.01', difference: '-0.01', balanced: false, unreadable: false });
    expect(totals([line('a', '1002', '0.1'), line('', '6001', '', '0.10')]).balanced).toBe(true);
    expect(totals([line('a', '1002', 'x'), line('', '6001', '', '')]).unreadable).toBe(true);
  });
});

describe('balancing fill (=)', () => {
  it('fills the difference on the side asked for', () => {
    const lines = [line('销售', '1122', '90400.00'), line('', '6001', '', '80000.00'), line('', '22210102')];
    expect(balancingAmount(lines, 2, 'credit')).toEqual({ side: 'credit', amount: '10400.00' });
    const filled = fillBalance(lines, 2, 'credit');
    expect(filled.lines[2].credit).toBe('10400.00');
    expect(filled.side).toBe('credit');
    expect(totals(filled.lines).balanced).toBe(true);
  });

  it('puts a difference of the other sign on the other side, and ignores the line\'s own amounts', () => {
    const lines = [line('a', '1002', '100.00'), line('', '6001', '', '30.00'), line('', '1122', '5.00', '')];
    // On line 2's debit: the others are 100 Dr / 30 Cr, so 70 is needed on the credit side.
    const filled = fillBalance(lines, 2, 'debit');
    expect(filled.side).toBe('credit');
    expect(filled.lines[2]).toMatchObject({ debit: '', credit: '70.00' });
  });

  it('does nothing when the others balance', () => {
    const lines = [line('a', '1002', '1.00'), line('', '6001', '', '1.00'), line('', '1122')];
    expect(balancingAmount(lines, 2, 'debit')).toBeNull();
    expect(fillBalance(lines, 2, 'debit').lines).toBe(lines);
  });

  it('works with red-letter (negative) amounts', () => {
    const lines = [line('冲销', '1002', '-800.00'), line('', '6001')];
    expect(balancingAmount(lines, 1, 'credit')).toEqual({ side: 'debit', amount: '800.00' });
    expect(balancingAmount(lines, 1, 'debit')).toEqual({ side: 'debit', amount: '800.00' });
  });
});

describe('keyboard', () => {
  it('Enter walks summary → account → the account\'s dimensions → debit → credit → next line', () => {
    const lines = [line('销售', '6001', '', '80000.00'), line('', '1002')];
    expect(nextCell(lines, { row: 0, col: 'summary' }, lookup)).toEqual({ cell: { row: 0, col: 'account' }, addLine: false });
    expect(nextCell(lines, { row: 0, col: 'account' }, lookup).cell).toEqual({ row: 0, col: 'dim:customer' });
    expect(nextCell(lines, { row: 0, col: 'dim:customer' }, lookup).cell).toEqual({ row: 0, col: 'dim:item' });
    expect(nextCell(lines, { row: 0, col: 'dim:item' }, lookup).cell).toEqual({ row: 0, col: 'debit' });
    expect(nextCell(lines, { row: 0, col: 'debit' }, lookup).cell).toEqual({ row: 0, col: 'credit' });
    expect(nextCell(lines, { row: 0, col: 'credit' }, lookup)).toEqual({ cell: { row: 1, col: 'summary' }, addLine: false });
    // 1002 keeps no dimension.
    expect(nextCell(lines, { row: 1, col: 'account' }, lookup).cell).toEqual({ row: 1, col: 'debit' });
  });

  it('skips the credit cell after a debit amount and adds a line after the last cell of the last line', () => {
    const lines = [line('a', '1002', '100.00'), line('', '6001', '', '100.00')];
    expect(nextCell(lines, { row: 0, col: 'debit' }, lookup)).toEqual({ cell: { row: 1, col: 'summary' }, addLine: false });
    expect(nextCell(lines, { row: 1, col: 'credit' }, lookup)).toEqual({ cell: { row: 2, col: 'summary' }, addLine: true });
    const debitLast = [line('a', '1002', '', '100.00'), line('', '1122', '100.00')];
    expect(nextCell(debitLast, { row: 1, col: 'debit' }, lookup)).toEqual({ cell: { row: 2, col: 'summary' }, addLine: true });
    // The cash-flow item is not on Enter's path: from it, Enter goes on as from the debit cell.
    expect(nextCell(lines, { row: 0, col: 'cash_flow_item' }, lookup).cell).toEqual({ row: 1, col: 'summary' });
  });

  it('Shift+Enter goes back, across lines', () => {
    const lines = [line('a', '1122', '1.00'), line('', '1002')];
    expect(previousCell(lines, { row: 1, col: 'summary' }, lookup)).toEqual({ row: 0, col: 'credit' });
    expect(previousCell(lines, { row: 0, col: 'debit' }, lookup)).toEqual({ row: 0, col: 'dim:customer' });
    expect(previousCell(lines, { row: 0, col: 'summary' }, lookup)).toEqual({ row: 0, col: 'summary' });
  });

  it('Space swaps the amount to the other side', () => {
    const lines = [line('a', '1002', '12.30', '')];
    expect(swapSide(lines, 0)[0]).toMatchObject({ debit: '', credit: '12.30' });
    expect(swapSide(swapSide(lines, 0), 0)[0]).toMatchObject({ debit: '12.30', credit: '' });
  });

  it('// in a summary copies the nearest summary above', () => {
    const lines = [line('收到投资款', '1002'), line('', '4001'), line('', '')];
    expect(summaryInput(lines, 2, '//')).toBe('收到投资款');
    expect(summaryInput(lines, 0, '//')).toBe('');
    expect(summaryInput(lines, 1, '支付/')).toBe('支付/');
  });
});

describe('saving', () => {
  it('sends the non-blank lines with normalised amounts and the kept dimensions, remembering their rows', () => {
    const lines = [
      line('销售', '1122', '1,130', '', { dims: { customer: 7, item: 9 } }),
      blankLine(),
      line('', '6001', '', '1000', { dims: { customer: 7, item: 9 }, cash_flow_item: 'CF01' }),
      line('', '22210102', '', '130.00'),
      line('收款', '1002', '5', '', { cash_flow_item: 'CF01' }),
    ];
    const { body, rows, invalid } = voucherBody({ date: '2026-03-10', word: 'general', attachments: 2 }, lines, lookup,
      { invalidAmount: 'bad' });
    expect(rows).toEqual([0, 2, 3, 4]);
    expect(invalid).toEqual({ header: {}, cells: {}, lines: [], general: [] });
    expect(body).toEqual({
      date: '2026-03-10', word: 'general', attachments: 2,
      lines: [
        { summary: '销售', account: '1122', debit: '1130.00', customer_id: 7 },
        { summary: '', account: '6001', credit: '1000.00', customer_id: 7, item_id: 9 },
        { summary: '', account: '22210102', credit: '130.00' },
        { summary: '收款', account: '1002', debit: '5.00', cash_flow_item: 'CF01' },
      ],
    });
  });

  it('marks amounts the browser cannot read at their cells', () => {
    const { invalid } = voucherBody({ date: '2026-03-10' }, [line('a', '1002', '1.001'), line('', '6001', '', 'x')], lookup,
      { invalidAmount: 'bad amount' });
    expect(invalid.cells).toEqual({ [cellKey(0, 'debit')]: ['bad amount'], [cellKey(1, 'credit')]: ['bad amount'] });
  });

  it('maps the server\'s error paths to the grid rows they came from', () => {
    const mapped = voucherProblem({
      title: '输入内容无效',
      errors: [
        { field: 'lines[0].credit', code: 'one_side', message: '借贷只能填一方' },
        { field: 'lines[1].account', code: 'not_leaf', message: '不是末级科目' },
        { field: 'lines[2].customer_id', code: 'required', message: '需要客户' },
        { field: 'lines[2].cash_flow_item', code: 'not_cash', message: '仅现金科目' },
        { field: 'lines[3]', code: 'not_object', message: '格式不对' },
        { field: 'lines', code: 'unbalanced', message: '借贷不平' },
        { field: 'date', code: 'period_closed', message: '期间已结账' },
        { field: 'word', code: 'not_allowed', message: '凭证字不对' },
        { field: 'version', code: 'required', message: '缺少版本' },
      ],
    }, [0, 2, 3, 5], (n) => `第${n}行`);
    expect(mapped.cells).toEqual({
      [cellKey(0, 'credit')]: ['借贷只能填一方'],
      [cellKey(2, 'account')]: ['不是末级科目'],
      [cellKey(3, 'dim:customer')]: ['需要客户'],
      [cellKey(3, 'cash_flow_item')]: ['仅现金科目'],
    });
    expect(mapped.header).toEqual({ date: ['期间已结账'], word: ['凭证字不对'] });
    expect(mapped.lines).toEqual(['借贷不平']);
    expect(mapped.general).toEqual(['第6行: 格式不对', '缺少版本']);
  });

  it('keeps the title of an answer without field errors', () => {
    expect(voucherProblem({ title: '凭证已被修改', detail: '请刷新' }, [], String).general).toEqual(['请刷新']);
  });
});

describe('the chart of accounts', () => {
  it('knows leaves, paths, cash accounts and the dimensions each keeps', () => {
    expect(lookup('2221')?.leaf).toBe(false);
    expect(lookup('22210102')).toMatchObject({ leaf: true, path: '应交税费/应交增值税/销项税额', dimensions: [] });
    expect(lookup('6001')?.dimensions).toEqual(['customer', 'item']);
    expect(lookup('1002')?.is_cash).toBe(true);
    expect(lookup('1001')?.active).toBe(false);
    expect(chartOf([{ id: 5, code: '2221', name: '应交税费', name_en: 'Taxes payable' }], true)[0].name).toBe('Taxes payable');
  });

  it('matches a code prefix or part of the name path', () => {
    const vat = lookup('22210102')!;
    expect(matchAccount(vat, '2221')).toBe(true);
    expect(matchAccount(vat, '销项')).toBe(true);
    expect(matchAccount(vat, '应交增值')).toBe(true);
    expect(matchAccount(vat, '0102')).toBe(false);
  });

  it('turns a saved voucher\'s lines into grid lines', () => {
    const [l] = linesFromVoucher([{ seq: 1, summary: '销售', account_id: 2, account: '1122', account_name: '应收账款', debit: '90400.00',
      credit: '0.00', cash_flow_item: null, customer_id: 7, customer_name: '华南电子', supplier_id: null }]);
    expect(l).toMatchObject({ summary: '销售', account: '1122', debit: '90400.00', credit: '', dims: { customer: 7 },
      dimLabels: { customer: '华南电子' } });
  });
});

describe('voucher words', () => {
  it('suggests receipt, payment or transfer from the cash lines', () => {
    expect(suggestWord([line('a', '1002', '1.00'), line('', '1122', '', '1.00')], lookup)).toBe('receipt');
    expect(suggestWord([line('a', '1122', '1.00'), line('', '1002', '', '1.00')], lookup)).toBe('payment');
    expect(suggestWord([line('a', '1122', '1.00'), line('', '6001', '', '1.00')], lookup)).toBe('transfer');
    expect(touchesCash([line('a', '1122', '1.00'), line('', '1002', '', '1.00')], lookup)).toBe(true);
    expect(touchesCash([line('a', '1122', '1.00')], lookup)).toBe(false);
  });
});

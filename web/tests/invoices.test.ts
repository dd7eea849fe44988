import { describe, expect, it } from 'vitest';
import {
  blankInvoiceLine, invoiceBody, invoiceProblem, invoiceTotals, lineTax, rateLabel, taxCents, TAX_RATES,
} from '../src/lib/invoices';

describe('the VAT of a line, previewed as the server computes it', () => {
  it('rounds amount × rate half away from zero to the cent', () => {
    expect(lineTax('99.99', '0.06')).toBe('6.00'); // 5.9994
    expect(lineTax('10000.00', '0.13')).toBe('1300.00');
    expect(lineTax('-1000.00', '0.13')).toBe('-130.00');
    expect(lineTax('0.05', '0.13')).toBe('0.01'); // 0.0065
    expect(lineTax('-0.05', '0.13')).toBe('-0.01');
    expect(lineTax('0.03', '0.13')).toBe('0.00'); // 0.0039
    expect(lineTax('300.00', '0.09')).toBe('27.00');
    expect(lineTax('1,234.56', '0.03')).toBe('37.04'); // 37.0368
    expect(lineTax('500', '0')).toBe('0.00');
    expect(lineTax('0.50', '0.01')).toBe('0.01'); // 0.005: half away from zero
    expect(lineTax('-0.50', '0.01')).toBe('-0.01');
  });

  it('keeps big amounts exact (no floats)', () => {
    expect(lineTax('9999999999999.99', '0.13')).toBe('1300000000000.00'); // 1299999999999.9987
    expect(lineTax('1234567890123.45', '0.13')).toBe('160493825716.05'); // 160493825716.0485
    expect(taxCents('12345678901234.56', '0.06')).toBe(74074073407407n);
  });

  it('gives null for what is not an amount of cents or a rate', () => {
    expect(lineTax('1.005', '0.13')).toBeNull();
    expect(lineTax('abc', '0.13')).toBeNull();
    expect(lineTax('100', '-0.13')).toBeNull();
    expect(lineTax('100', 'x')).toBeNull();
  });

  it('labels the rates as per cent', () => {
    expect(TAX_RATES.map(rateLabel)).toEqual(['13 %', '9 %', '6 %', '3 %', '1 %', '0 %']);
  });
});

describe('an invoice being entered', () => {
  const lines = [
    { description: '蓝牙音箱 100 台', account: '', amount: '10000.00', tax_rate: '0.13' },
    blankInvoiceLine(),
    { description: '安装服务', account: '6051', amount: '99.99', tax_rate: '0.06' },
  ];

  it('totals amount, tax and total over the valid lines', () => {
    expect(invoiceTotals(lines)).toEqual({ amount: '10099.99', tax: '1306.00', total: '11405.99' });
    expect(invoiceTotals([...lines, { description: 'x', account: '', amount: '1.001', tax_rate: '0.13' }]).total).toBe('11405.99');
  });

  it('sends the non-blank lines, amounts normalised, and maps errors back to the rows shown', () => {
    const { body, rows } = invoiceBody({ kind: 'receivable', partner_id: 7, number: ' 04418273 ', date: '2026-03-10', due_date: '' }, lines);
    expect(rows).toEqual([0, 2]);
    expect(body).toEqual({
      kind: 'receivable', partner_id: 7, number: '04418273', date: '2026-03-10',
      lines: [
        { description: '蓝牙音箱 100 台', amount: '10000.00', tax_rate: '0.13' },
        { description: '安装服务', account: '6051', amount: '99.99', tax_rate: '0.06' },
      ],
    });
    const { fields, rest } = invoiceProblem({
      errors: [
        { field: 'lines[1].tax_rate', code: 'invalid', message: '税率无效' },
        { field: 'partner_id', code: 'required', message: '必填' },
        { field: 'lines', code: 'required', message: '至少一行' },
        { field: 'whatever', code: 'unknown', message: '未知字段' },
      ],
    }, rows);
    expect(fields).toEqual({ 'lines[2].tax_rate': ['税率无效'], partner_id: ['必填'], lines: ['至少一行'] });
    expect(rest).toEqual(['whatever: 未知字段']);
  });

  it('leaves out the partner and due date when not chosen', () => {
    const { body } = invoiceBody({ kind: 'payable', partner_id: null, number: '1', date: '2026-03-01', due_date: '' }, []);
    expect(body).toEqual({ kind: 'payable', number: '1', date: '2026-03-01', lines: [] });
  });
});

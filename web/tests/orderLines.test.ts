import { describe, expect, it } from 'vitest';
import { add, divideExact, format, productCents, rescale, scaled } from '../src/lib/decimalMath';
import {
  blankOrderLine, decimalProblem, headerBody, lineFigures, orderLinesBody, orderProblem, orderTotals, type OrderLineDraft,
} from '../src/lib/orderLines';

const messages = { invalid: 'invalid', not_positive: 'not_positive', negative: 'negative', too_precise: 'too_precise', item_required: 'item_required' };

function line(item_id: number | null, quantity: string, price: string, tax_rate = '0.13', uom_id: number | null = null): OrderLineDraft {
  return { ...blankOrderLine(), item_id, item_code: item_id ? `I-${item_id}` : '', item_name: '', uom_id, quantity, price, tax_rate };
}

describe('exact decimals for the previews', () => {
  it('rounds half away from zero once, at the end', () => {
    expect(rescale(scaled('0.125')!, 2)).toBe(13n);
    expect(rescale(scaled('-0.125')!, 2)).toBe(-13n);
    expect(rescale(scaled('0.124999')!, 2)).toBe(12n);
    expect(rescale(scaled('7')!, 2)).toBe(700n);
    expect(productCents('3', '0.335')).toBe(101n); // 1.005 → 1.01, not 1.00 as a float would give
    expect(productCents('1.5', '0.03')).toBe(5n); // 0.045 → 0.05
    expect(productCents('x', '1')).toBeNull();
  });

  it('adds, divides only where the quotient ends, and prints without trailing zeros', () => {
    expect(format(add(scaled('0.1')!, scaled('0.2')!))).toBe('0.3');
    expect(format(add(scaled('-1.25')!, scaled('1')!))).toBe('-0.25');
    expect(format(divideExact(scaled('24')!, scaled('1')!, 4)!)).toBe('24');
    expect(format(divideExact(scaled('1')!, scaled('8')!, 4)!)).toBe('0.125');
    expect(divideExact(scaled('1')!, scaled('24')!, 4)).toBeNull();
    expect(divideExact(scaled('1')!, scaled('0')!, 4)).toBeNull();
  });
});

describe('a purchase order line, previewed as the server computes it', () => {
  it('takes quantity × price to the cent, then the tax of that amount to the cent', () => {
    expect(lineFigures('100', '10.00', '0.13')).toEqual({ amount: 100000n, tax: 13000n, total: 113000n });
    expect(lineFigures('2', '48', '0.13')).toEqual({ amount: 9600n, tax: 1248n, total: 10848n });
    // 3 × 0.335 = 1.005 → 1.01; 13 % of 1.01 = 0.1313 → 0.13
    expect(lineFigures('3', '0.335', '0.13')).toEqual({ amount: 101n, tax: 13n, total: 114n });
    // 0.1 × 0.5 = 0.05; 9 % = 0.0045 → 0.00; 13 % = 0.0065 → 0.01 (half away from zero)
    expect(lineFigures('0.1', '0.5', '0.09')!.tax).toBe(0n);
    expect(lineFigures('0.1', '0.5', '0.13')!.tax).toBe(1n);
    // Four decimals of quantity and six of price, exactly: 1.2345 × 9.876543 = 12.192592… → 12.19
    expect(lineFigures('1.2345', '9.876543', '0.06')).toEqual({ amount: 1219n, tax: 73n, total: 1292n });
    expect(lineFigures('1,000', '12.5', '0')).toEqual({ amount: 1250000n, tax: 0n, total: 1250000n });
  });

  it('keeps big amounts exact', () => {
    // 99,999,999 × 99,999.999999 = 9,999,999,899,900.000001 → 9,999,999,899,900.00; 13 % = 1,299,999,986,987.00
    expect(lineFigures('99999999', '99999.999999', '0.13')).toEqual({
      amount: 999999989990000n, tax: 129999998698700n, total: 1129999988688700n,
    });
  });

  it('gives nothing while quantity, price or rate cannot be read or is out of bounds', () => {
    expect(lineFigures('', '1', '0.13')).toBeNull();
    expect(lineFigures('0', '1', '0.13')).toBeNull();
    expect(lineFigures('-1', '1', '0.13')).toBeNull();
    expect(lineFigures('1.00001', '1', '0.13')).toBeNull();
    expect(lineFigures('1', '0.0000001', '0.13')).toBeNull();
    expect(lineFigures('1', '-2', '0.13')).toBeNull();
    expect(lineFigures('1', '2', 'x')).toBeNull();
    expect(decimalProblem('1.00000', { scale: 4, positive: true })).toBe('too_precise');
    expect(decimalProblem('0', { scale: 4, positive: true })).toBe('not_positive');
    expect(decimalProblem('abc', { scale: 4 })).toBe('invalid');
    expect(decimalProblem('0', { scale: 6 })).toBeNull();
  });

  it('totals the order over its figured lines and says when one is left out', () => {
    const lines = [line(1, '100', '10.00'), line(2, '2', '48'), blankOrderLine()];
    expect(orderTotals(lines)).toEqual({ amount: '1096.00', tax: '142.48', total: '1238.48', incomplete: false });
    // The tax is summed per line, not taken of the total: 3 lines of 0.05 at 13 % are 3 × 0.01.
    expect(orderTotals([line(1, '1', '0.05'), line(1, '1', '0.05'), line(1, '1', '0.05')])).toMatchObject({ amount: '0.15', tax: '0.03' });
    expect(orderTotals([...lines, line(3, '1', '')])).toMatchObject({ total: '1238.48', incomplete: true });
  });
});

describe('saving an order', () => {
  it('sends the non-blank lines with their unit, and knows the rows they came from', () => {
    const lines = [line(7, '100', '10.00'), blankOrderLine(), line(9, ' 2 ', '48', '0.09', 31)];
    const { lines: sent, rows, invalid } = orderLinesBody(lines, messages);
    expect(invalid).toEqual({});
    expect(rows).toEqual([0, 2]);
    expect(sent).toEqual([
      { item_id: 7, quantity: '100', price: '10.00', tax_rate: '0.13' },
      { item_id: 9, uom_id: 31, quantity: '2', price: '48', tax_rate: '0.09' },
    ]);
  });

  it('names what the browser can already tell is wrong, at its cell', () => {
    const { invalid } = orderLinesBody([line(null, '1', '2'), line(1, '0', '-1'), line(1, '1.23456', '1')], messages);
    expect(invalid).toEqual({
      'lines[0].item': ['item_required'],
      'lines[1].quantity': ['not_positive'],
      'lines[1].price': ['negative'],
      'lines[2].quantity': ['too_precise'],
    });
  });

  it('leaves empty header fields out of a new order and clears them on a changed one', () => {
    const header = { supplier_id: 4, order_date: '2026-03-02', expected_date: '', warehouse_id: 2, payment_term_id: null, terms: ' 到付 ', notes: '' };
    expect(headerBody(header, false)).toEqual({ supplier_id: 4, order_date: '2026-03-02', warehouse_id: 2, terms: '到付' });
    expect(headerBody(header, true)).toEqual({
      supplier_id: 4, order_date: '2026-03-02', expected_date: null, warehouse_id: 2, payment_term_id: null, terms: '到付', notes: null,
    });
  });

  it('puts the server’s errors on the grid row they came from and the cell that shows them', () => {
    const { fields, rest } = orderProblem({
      errors: [
        { field: 'lines[1].price', code: 'invalid', message: '单价无效' },
        { field: 'lines[0].item_id', code: 'unknown', message: '没有该物料' },
        { field: 'lines[1].uom_id', code: 'no_conversion', message: '无换算' },
        { field: 'supplier_id', code: 'required', message: '必填' },
        { field: 'lines', code: 'required', message: '至少一行' },
        { field: 'colour', code: 'unknown', message: '未知字段' },
      ],
    }, [0, 2]);
    expect(fields).toEqual({
      'lines[2].price': ['单价无效'], 'lines[0].item': ['没有该物料'], 'lines[2].unit': ['无换算'], supplier_id: ['必填'], lines: ['至少一行'],
    });
    expect(rest).toEqual(['colour: 未知字段']);
  });
});

import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/problem';
import type { Credit } from '../src/api/sales';
import {
  beyondAvailable, blankSalesLine, creditView, deliveryBody, deliveryRows, isOverdue, discountProblem, fractionOf, percentOf, salesHeaderBody, salesLineFigures,
  salesLinesBody, salesOrderProblem, salesReturnBody, salesReturnRows, salesTotals, wantsPrice, type SalesLineDraft,
} from '../src/lib/salesOrders';

const messages = {
  invalid: 'invalid', not_positive: 'not_positive', negative: 'negative', too_precise: 'too_precise', item_required: 'item_required',
  too_large: 'too_large',
};

function line(item_id: number | null, quantity: string, price: string, discount = '', extra: Partial<SalesLineDraft> = {}): SalesLineDraft {
  return {
    ...blankSalesLine(), item_id, item_code: item_id ? `I-${item_id}` : '', item_name: '', quantity, price, discount,
    units: item_id ? [{ uom_id: 1, name: '台', factor: '1' }, { uom_id: 2, name: '箱', factor: '24' }] : [], uom_id: item_id ? 1 : null,
    ...extra,
  };
}

describe('a sales order line, previewed as the server computes it', () => {
  it('takes quantity × price × (1 − discount), rounded once to the cent, then the tax of that amount', () => {
    expect(salesLineFigures('10', '100', '', '0.13')).toEqual({ amount: 100000n, tax: 13000n, total: 113000n });
    // 3 × 19.99 × 0.95 = 56.9715 → 56.97; 13 % = 7.4061 → 7.41
    expect(salesLineFigures('3', '19.99', '5', '0.13')).toEqual({ amount: 5697n, tax: 741n, total: 6438n });
    // 1 × 0.335 × 0.9 = 0.3015 → 0.30, not rounded twice (0.34 × 0.9 = 0.306 → 0.31)
    expect(salesLineFigures('1', '0.335', '10', '0.13')).toEqual({ amount: 30n, tax: 4n, total: 34n });
    // 12.5 % off: 7 × 8 × 0.875 = 49
    expect(salesLineFigures('7', '8', '12.5', '0.09')).toEqual({ amount: 4900n, tax: 441n, total: 5341n });
    expect(salesLineFigures('1', '100', '100', '0.13')).toEqual({ amount: 0n, tax: 0n, total: 0n });
  });

  it('has no figures while a cell cannot be read', () => {
    expect(salesLineFigures('', '1', '', '0.13')).toBeNull();
    expect(salesLineFigures('1', 'abc', '', '0.13')).toBeNull();
    expect(salesLineFigures('1', '1', '101', '0.13')).toBeNull();
    expect(salesLineFigures('1.00001', '1', '', '0.13')).toBeNull();
  });

  it('adds the lines in cents, blank rows left out, an unfinished line flagged', () => {
    const totals = salesTotals([line(1, '3', '19.99', '5'), line(2, '1', '0.335', '10'), blankSalesLine(), line(3, '2', '')]);
    expect(totals).toEqual({ amount: '57.27', tax: '7.45', total: '64.72', incomplete: true });
  });

  it('shows a fraction as a percentage and sends the percentage as the fraction, exactly', () => {
    expect(percentOf('0.05')).toBe('5');
    expect(percentOf('0.1250')).toBe('12.5');
    expect(percentOf('0')).toBe('');
    expect(fractionOf('5')).toBe('0.05');
    expect(fractionOf('12.5')).toBe('0.125');
    expect(fractionOf('0.07')).toBe('0.0007');
    expect(fractionOf('x')).toBeNull();
    expect(discountProblem('')).toBeNull();
    expect(discountProblem('100.5')).toBe('too_large');
    expect(discountProblem('-1')).toBe('negative');
    expect(discountProblem('1.234')).toBe('too_precise');
  });
});

describe('while typing a line', () => {
  it('asks the price lists when the user left the price empty or it came from them', () => {
    expect(wantsPrice(line(1, '5', ''))).toBe(true);
    expect(wantsPrice(line(1, '5', '12', '', { price_auto: true }))).toBe(true);
    expect(wantsPrice(line(1, '5', '12'))).toBe(false);
    expect(wantsPrice(line(null, '5', ''))).toBe(false);
    expect(wantsPrice(line(1, '', ''))).toBe(false);
  });

  it('compares the quantity in stock units with what is available to promise', () => {
    expect(beyondAvailable(line(1, '30', ''), '30')).toBe(false);
    expect(beyondAvailable(line(1, '30.5', ''), '30')).toBe(true);
    // Two boxes of 24 against 40 pieces.
    expect(beyondAvailable(line(1, '2', '', '', { uom_id: 2 }), '40')).toBe(true);
    expect(beyondAvailable(line(1, '1', '', '', { uom_id: 2 }), '40')).toBe(false);
    expect(beyondAvailable(line(1, '', ''), '0')).toBe(false);
    expect(beyondAvailable(line(1, '1', ''), undefined)).toBe(false);
  });

  it('counts this order into the customer’s exposure against the limit', () => {
    const credit: Credit = {
      credit_limit: '10000.00', receivables: '6000.00', unposted_invoices: '0.00', open_orders: '2000.00', exposure: '8000.00',
      available: '2000.00', overdue_amount: '0.00', overdue_invoices: 0, over_limit: false, overdue: false, blocked: false,
    };
    expect(creditView(credit, '1500.00')).toMatchObject({ exposure: '9500.00', available: '500.00', overLimit: false, blocked: false });
    expect(creditView(credit, '2000.01')).toMatchObject({ exposure: '10000.01', available: '-0.01', overLimit: true, blocked: true });
    // No limit set (0): never over it, but an overdue invoice still needs the approval.
    const none = { ...credit, credit_limit: '0', overdue: true, overdue_amount: '300', overdue_invoices: 1 };
    expect(creditView(none, '99999')).toMatchObject({ available: '', overLimit: false, blocked: true, overdue: '300.00' });
  });
});

describe('saving a sales order', () => {
  it('sends the lines without blank rows, an empty price left to the price lists, the discount as a fraction', () => {
    const { lines, rows, invalid } = salesLinesBody([
      line(1, '3', '', ''), blankSalesLine(), line(2, '1,200', '19.99', '5', { uom_id: 2 }), line(3, '1', '5'),
    ], messages);
    expect(invalid).toEqual({});
    expect(rows).toEqual([0, 2, 3]);
    expect(lines).toEqual([
      { item_id: 1, uom_id: 1, quantity: '3', tax_rate: '0.13' },
      { item_id: 2, uom_id: 2, quantity: '1200', price: '19.99', discount: '0.05', tax_rate: '0.13' },
      { item_id: 3, uom_id: 1, quantity: '1', price: '5', discount: '0', tax_rate: '0.13' },
    ]);
  });

  it('knows before the server what is wrong, at the grid row', () => {
    const { invalid } = salesLinesBody([blankSalesLine(), line(null, '0', 'x', '120')], messages);
    expect(invalid).toEqual({
      'lines[1].item': ['item_required'], 'lines[1].quantity': ['not_positive'], 'lines[1].price': ['invalid'], 'lines[1].discount': ['too_large'],
    });
  });

  it('puts the server’s errors at the cell of the grid row the body line came from', () => {
    const problem = new ApiError(422, {
      status: 422, title: '校验失败',
      errors: [
        { field: 'lines[1].quantity', code: 'invalid', message: '数量必须大于零' },
        { field: 'lines[0].item_id', code: 'unknown', message: '物料不存在' },
        { field: 'customer_id', code: 'required', message: '必填' },
        { field: 'salesperson_id', code: 'unknown', message: '销售员不存在' },
      ],
    }).problem;
    expect(salesOrderProblem(problem, [0, 2])).toEqual({
      fields: { 'lines[2].quantity': ['数量必须大于零'], 'lines[0].item': ['物料不存在'], customer_id: ['必填'] },
      rest: ['salesperson_id: 销售员不存在'],
    });
  });

  it('leaves empty header fields out', () => {
    expect(salesHeaderBody({ customer_id: 3, order_date: '2026-12-05', delivery_date: '', warehouse_id: null, customer_po: ' PO-1 ', notes: '' }))
      .toEqual({ customer_id: 3, order_date: '2026-12-05', customer_po: 'PO-1' });
    expect(salesHeaderBody({ customer_id: 3, order_date: '2026-12-05', delivery_date: '', warehouse_id: 2, customer_po: '', notes: '' }, true))
      .toEqual({ customer_id: 3, order_date: '2026-12-05', delivery_date: null, warehouse_id: 2, customer_po: null, notes: null });
  });
});

describe('taking goods back', () => {
  const shipped = (line_no: number, s: string, r: string) => ({ line_no, item_code: `I${line_no}`, item_name: '音箱', unit: '台', shipped: s, returned: r }) as never;
  it('offers what shipped and is not back yet, and sends the rows with a quantity', () => {
    const rows = salesReturnRows([shipped(1, '5', '1.5'), shipped(2, '3', '3'), shipped(3, '0', '0')]);
    expect(rows.map((r) => [r.line_no, r.returnable])).toEqual([[1, '3.5']]);
    const filled = [{ ...rows[0], quantity: '2' }, { ...rows[0], line_no: 4, quantity: '' }];
    expect(salesReturnBody({ date: '2026-12-05', warehouse_id: 7, reason: ' 质量问题 ', refund: true }, filled)).toEqual({
      body: { date: '2026-12-05', warehouse_id: 7, reason: '质量问题', refund: true, lines: [{ line_no: 1, quantity: '2' }] },
      rows: [0],
    });
  });
});

describe('a delivery from an order', () => {
  const open = (line_no: number, backorder: string, picking: string) =>
    ({ line_no, item_code: `I${line_no}`, item_name: '音箱', unit: '台', backorder, picking, reserved: backorder }) as never;
  it('proposes what is still to ship and not being picked, and sends only the rows with a quantity', () => {
    const rows = deliveryRows({ id: 9, lines: [open(1, '5', '2'), open(2, '3', '3'), open(3, '1.5', '0')] });
    expect(rows.map((r) => [r.line_no, r.open, r.quantity])).toEqual([[1, '3', '3'], [3, '1.5', '1.5']]);
    const edited = [{ ...rows[0], quantity: '0' }, { ...rows[1], quantity: '1' }];
    expect(deliveryBody({ date: '2026-12-05', carrier: ' 顺丰 ', tracking_number: '' }, edited)).toEqual({
      body: { date: '2026-12-05', carrier: '顺丰', lines: [{ order_id: 9, line_no: 3, quantity: '1' }] }, rows: [1],
    });
  });
});

describe('invoicing and collection', () => {
  it('marks an invoice overdue past its due date while something is open', () => {
    expect(isOverdue({ due_date: '2026-12-04', open: '10.00' }, '2026-12-05')).toBe(true);
    expect(isOverdue({ due_date: '2026-12-05', open: '10.00' }, '2026-12-05')).toBe(false);
    expect(isOverdue({ due_date: '2026-12-01', open: '0.00' }, '2026-12-05')).toBe(false);
    expect(isOverdue({ due_date: null, open: '10.00' }, '2026-12-05')).toBe(false);
  });
});

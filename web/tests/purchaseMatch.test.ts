import { describe, expect, it } from 'vitest';
import type { OrderLine } from '../src/api/purchasing';
import { beyondReceived, matchInvoiceBody, matchRows, matchTotals, priceDiffers, returnBody, returnRows } from '../src/lib/purchaseMatch';
import { blankStockLine, stockDocumentBody, stockLineValue, stockProblem, stockQuantityProblem } from '../src/lib/stockDocuments';

function orderLine(over: Partial<OrderLine>): OrderLine {
  return {
    line_no: 1, item_id: 1, item_code: 'E-1', item_name: '蓝牙音箱', specification: '', uom_id: 1, unit: '个', factor: '1',
    quantity: '100', stock_quantity: '100', price: '10.00', tax_rate: '0.13', amount: '1000.00', tax: '130.00', expected_date: null,
    received: '0', rejected: '0', returned: '0', invoiced: '0', invoiced_amount: '0.00', ...over,
  };
}

describe('the supplier invoice, matched to order and receipts', () => {
  const lines = [
    orderLine({ line_no: 1, received: '105', returned: '5', rejected: '5' }),
    orderLine({ line_no: 2, item_code: 'F-1', item_name: '纯牛奶', unit: '箱', factor: '24', quantity: '2', price: '48', received: '2', invoiced: '1' }),
    orderLine({ line_no: 3, quantity: '7' }),
  ];

  it('proposes what was received net of returns and not yet invoiced, at the order price', () => {
    const rows = matchRows(lines);
    expect(rows.map((r) => [r.received, r.open, r.quantity, r.price])).toEqual([['100', '100', '100', '10.00'], ['2', '1', '1', '48'], ['0', '0', '', '10.00']]);
    expect(matchTotals(rows)).toEqual({ amount: '1048.00', tax: '136.24', total: '1184.24' });
  });

  it('marks a price off the order and a quantity beyond what is open, and sends a price only when it differs', () => {
    const rows = matchRows(lines);
    rows[0] = { ...rows[0], quantity: '101', price: '10.60' };
    rows[1] = { ...rows[1], price: '48.00' };
    expect(beyondReceived(rows[0])).toBe(true);
    expect(priceDiffers(rows[0])).toBe(true);
    expect(priceDiffers(rows[1])).toBe(false);
    const { body, rows: sent } = matchInvoiceBody({ number: ' 44031234 ', date: '2026-03-12', due_date: '' }, rows);
    expect(sent).toEqual([0, 1]);
    expect(body).toEqual({
      number: '44031234', date: '2026-03-12',
      lines: [{ line_no: 1, quantity: '101', price: '10.60' }, { line_no: 2, quantity: '1' }],
    });
  });

  it('returns what is typed, from the warehouse chosen', () => {
    const rows = returnRows(lines);
    expect(rows[0]).toMatchObject({ received: '100', rejected: '5' });
    rows[0] = { ...rows[0], quantity: '5' };
    const { body, rows: sent } = returnBody({ date: '2026-03-06', warehouse_id: 9, reason: '质量不合格退货' }, rows);
    expect(sent).toEqual([0]);
    expect(body).toEqual({ date: '2026-03-06', warehouse_id: 9, reason: '质量不合格退货', lines: [{ line_no: 1, quantity: '5' }] });
  });
});

describe('a stock document being entered', () => {
  const messages = { invalid: 'invalid', not_positive: 'not_positive', negative: 'negative', too_precise: 'too_precise', item_required: 'item_required' };
  const line = (over: Partial<ReturnType<typeof blankStockLine>>) => ({ ...blankStockLine(), item_id: 3, uom_id: 1, units: [{ uom_id: 1, name: '个', factor: '1' }, { uom_id: 5, name: '箱', factor: '24' }], ...over });

  it('takes signed quantities only on adjustments', () => {
    expect(stockQuantityProblem('adjustment', '-2')).toBeNull();
    expect(stockQuantityProblem('adjustment', '0')).toBe('not_positive');
    expect(stockQuantityProblem('adjustment', '--2')).toBe('invalid');
    expect(stockQuantityProblem('issue', '-2')).toBe('negative');
    expect(stockQuantityProblem('receipt', '1.00001')).toBe('too_precise');
  });

  it('values a receipt line at the unit cost per stock unit, to the cent', () => {
    expect(stockLineValue(line({ quantity: '10', unit_cost: '12.50' }))).toBe(12500n);
    expect(stockLineValue(line({ quantity: '2', uom_id: 5, unit_cost: '0.125' }))).toBe(600n); // 48 × 0.125
    expect(stockLineValue(line({ quantity: '3', unit_cost: '0.335' }))).toBe(101n);
    expect(stockLineValue(line({ quantity: '3', unit_cost: '' }))).toBeNull();
  });

  it('sends what the kind takes and maps the server’s errors to the rows shown', () => {
    const lines = [line({ quantity: '-2', lot_number: 'L-1', unit_cost: '9' }), blankStockLine(), line({ quantity: '1', produced_on: '2026-03-01' })];
    const { body, rows, invalid } = stockDocumentBody(
      { kind: 'adjustment', date: '2026-03-09', warehouse_id: 2, to_warehouse_id: 7, reason: 'count_loss', note: '' }, lines, messages);
    expect(invalid).toEqual({});
    expect(rows).toEqual([0, 2]);
    expect(body).toEqual({
      kind: 'adjustment', date: '2026-03-09', warehouse_id: 2, reason: 'count_loss',
      lines: [{ item_id: 3, uom_id: 1, quantity: '-2', lot_number: 'L-1' }, { item_id: 3, uom_id: 1, quantity: '1', produced_on: '2026-03-01' }],
    });
    const transfer = stockDocumentBody({ kind: 'transfer', date: '2026-03-09', warehouse_id: 2, to_warehouse_id: 7, reason: '', note: ' 补货 ' },
      [line({ quantity: '-1' })], messages);
    expect(transfer.invalid).toEqual({ 'lines[0].quantity': ['negative'] });
    expect(transfer.body).toMatchObject({ to_warehouse_id: 7, note: '补货' });
    const { fields, rest } = stockProblem({ errors: [
      { field: 'reason', code: 'required', message: '须填原因' },
      { field: 'lines[1].lot', code: 'required', message: '须填批号' },
      { field: 'lines[0].uom_id', code: 'no_conversion', message: '无换算' },
    ] }, rows);
    expect(fields).toEqual({ reason: ['须填原因'], 'lines[2].lot_number': ['须填批号'], 'lines[0].unit': ['无换算'] });
    expect(rest).toEqual([]);
  });
});

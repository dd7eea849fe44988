import { describe, expect, it } from 'vitest';
import { blankIntercompanyLine, destinationWarehouses, intercompanyBody, type Destination } from '../src/lib/intercompany';

describe('a transfer to a member company', () => {
  it('sends the filled rows as typed and remembers which row each came from', () => {
    const { body, rows } = intercompanyBody({
      to_company_id: 2, from_warehouse_id: 5, to_warehouse_id: 9, date: '2026-12-05', note: ' 补货 ',
      lines: [
        blankIntercompanyLine(),
        { item_id: 7, item_code: 'M-1', item_name: '音箱', quantity: '30.5', lot_number: '' },
        { item_id: 8, item_code: 'F-1', item_name: '牛奶', quantity: '24', lot_number: ' L-1 ' },
      ],
    });
    expect(rows).toEqual([1, 2]);
    expect(body).toEqual({
      date: '2026-12-05', to_company_id: 2, from_warehouse_id: 5, to_warehouse_id: 9, note: '补货',
      lines: [{ item_id: 7, quantity: '30.5' }, { item_id: 8, quantity: '24', lot_number: 'L-1' }],
    });
  });

  it('leaves out what is not chosen, so the server names it', () => {
    const { body } = intercompanyBody({ to_company_id: null, from_warehouse_id: null, to_warehouse_id: null, date: '2026-12-05',
      note: '', lines: [{ ...blankIntercompanyLine(), quantity: '3' }] });
    expect(body).toEqual({ date: '2026-12-05', lines: [{ quantity: '3' }] });
  });

  it('offers the warehouses of a company that can receive goods in transit', () => {
    const destinations: Destination[] = [
      { company_id: 2, code: 'BJ', name: '北京分公司', has_transit_warehouse: true, warehouses: [{ id: 9, code: 'BJ-1', name: '北京仓' }] },
      { company_id: 3, code: 'HZ', name: '杭州分公司', has_transit_warehouse: false, warehouses: [{ id: 11, code: 'HZ-1', name: '杭州仓' }] },
    ];
    expect(destinationWarehouses(destinations, 2).map((w) => w.id)).toEqual([9]);
    expect(destinationWarehouses(destinations, 3)).toEqual([]);
    expect(destinationWarehouses(destinations, null)).toEqual([]);
  });
});

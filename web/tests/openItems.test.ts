import { describe, expect, it } from 'vitest';
import { agingSeries, groupByPartner, parseBuckets, proposeAllocation } from '../src/lib/openItems';

const item = (line_id: number, side: 'debit' | 'credit', open: string, partner_id = 7, partner_name = '华南电子') =>
  ({ line_id, side, open, partner_id, partner_name });

describe('allocation proposal from two selected items', () => {
  it('proposes the smaller open amount of one debit and one credit item', () => {
    const invoice = item(1, 'debit', '11300.00');
    const receipt = item(2, 'credit', '8000.00');
    const p = proposeAllocation([receipt, invoice]);
    expect(p).toEqual({ ok: true, debit: invoice, credit: receipt, amount: '8000.00' });
    expect(proposeAllocation([item(1, 'debit', '99.99'), item(2, 'credit', '100.00')])).toMatchObject({ ok: true, amount: '99.99' });
  });

  it('is exact in cents where floating point is not', () => {
    expect(proposeAllocation([item(1, 'debit', '0.30'), item(2, 'credit', '0.30')])).toMatchObject({ amount: '0.30' });
    expect(proposeAllocation([item(1, 'debit', '12345678901234.57'), item(2, 'credit', '12345678901234.58')]))
      .toMatchObject({ amount: '12345678901234.57' });
  });

  it('names what is wrong with the selection', () => {
    expect(proposeAllocation([])).toEqual({ ok: false, problem: 'pick_two' });
    expect(proposeAllocation([item(1, 'debit', '1.00')])).toEqual({ ok: false, problem: 'pick_two' });
    expect(proposeAllocation([item(1, 'debit', '1.00'), item(2, 'debit', '1.00')])).toEqual({ ok: false, problem: 'one_each' });
    expect(proposeAllocation([item(1, 'debit', '1.00'), item(2, 'credit', '1.00', 8)])).toEqual({ ok: false, problem: 'same_partner' });
    expect(proposeAllocation([item(1, 'debit', '0.00'), item(2, 'credit', '5.00')])).toEqual({ ok: false, problem: 'nothing_open' });
    expect(proposeAllocation([item(1, 'debit', '1.00'), item(2, 'credit', '1.00'), item(3, 'credit', '1.00')]))
      .toEqual({ ok: false, problem: 'pick_two' });
  });
});

describe('open items per partner', () => {
  it('keeps the server order and adds up each side in cents', () => {
    const groups = groupByPartner([
      item(1, 'debit', '100.10'), item(2, 'debit', '0.20'), item(3, 'credit', '50.00'),
      item(4, 'debit', '9.99', 9, '华东精密'),
    ]);
    expect(groups.map((g) => [g.partner_id, g.partner_name, g.items.length, g.debit_open, g.credit_open])).toEqual([
      [7, '华南电子', 3, '100.30', '50.00'],
      [9, '华东精密', 1, '9.99', '0.00'],
    ]);
  });
});

describe('aging buckets as typed', () => {
  it('reads whole days, increasing, separated by commas or spaces', () => {
    expect(parseBuckets('30,60,90,180')).toEqual({ ok: true, buckets: [30, 60, 90, 180], query: '30,60,90,180' });
    expect(parseBuckets(' 30， 60 90、120 ')).toEqual({ ok: true, buckets: [30, 60, 90, 120], query: '30,60,90,120' });
    expect(parseBuckets('45')).toMatchObject({ ok: true, buckets: [45] });
  });

  it('refuses what the server would refuse', () => {
    expect(parseBuckets('')).toEqual({ ok: false, problem: 'empty' });
    expect(parseBuckets(' , ')).toEqual({ ok: false, problem: 'empty' });
    expect(parseBuckets('30,abc')).toEqual({ ok: false, problem: 'not_whole' });
    expect(parseBuckets('30,60.5')).toEqual({ ok: false, problem: 'not_whole' });
    expect(parseBuckets('0,30')).toEqual({ ok: false, problem: 'not_whole' });
    expect(parseBuckets('-30')).toEqual({ ok: false, problem: 'not_whole' });
    expect(parseBuckets('60,30')).toEqual({ ok: false, problem: 'not_increasing' });
    expect(parseBuckets('30,30')).toEqual({ ok: false, problem: 'not_increasing' });
    expect(parseBuckets(Array.from({ length: 13 }, (_, i) => (i + 1) * 10).join(','))).toEqual({ ok: false, problem: 'too_many' });
    expect(parseBuckets(Array.from({ length: 12 }, (_, i) => (i + 1) * 10).join(','))).toMatchObject({ ok: true });
  });
});

describe('aging chart series', () => {
  const labels = ['0-30天', '31-60天', '60天以上'];
  const partner = (id: number, name: string, buckets: string[], outstanding: string) => ({ partner_id: id, partner_name: name, buckets, outstanding });

  it('stacks each bucket over the partners owing most, largest first', () => {
    const chart = agingSeries([
      partner(1, '甲', ['100.00', '0.00', '0.00'], '100.00'),
      partner(2, '乙', ['50.00', '250.50', '10.00'], '310.50'),
      partner(3, '丙', ['0.00', '0.00', '0.00'], '0.00'), // only an advance: left out
      partner(4, '丁', ['0.00', '0.00', '200.00'], '200.00'),
    ], labels);
    expect(chart.partners).toEqual(['乙', '丁', '甲']);
    expect(chart.series).toEqual([
      { name: '0-30天', values: [50, 0, 100] },
      { name: '31-60天', values: [250.5, 0, 0] },
      { name: '60天以上', values: [10, 200, 0] },
    ]);
  });

  it('keeps the top ten, comparing amounts exactly; ties by name', () => {
    const many = Array.from({ length: 14 }, (_, i) => partner(i + 1, `P${String(i + 1).padStart(2, '0')}`, ['1.00', '0', '0'], `${i + 1}.00`));
    many.push(partner(99, 'Big', ['0', '0', '90071992547409.93'], '90071992547409.93'));
    many.push(partner(98, 'Bigger', ['0', '0', '90071992547409.94'], '90071992547409.94'));
    const chart = agingSeries(many, labels);
    expect(chart.partners).toHaveLength(10);
    expect(chart.partners.slice(0, 3)).toEqual(['Bigger', 'Big', 'P14']);
    const ties = agingSeries([partner(1, 'B', ['5', '0', '0'], '5.00'), partner(2, 'A', ['5', '0', '0'], '5.00')], labels);
    expect(ties.partners).toEqual(['A', 'B']);
    expect(agingSeries([], labels)).toEqual({ partners: [], series: labels.map((name) => ({ name, values: [] })) });
  });
});

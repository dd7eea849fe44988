import { describe, expect, it } from 'vitest';
import { blankOrderLine, isBlankOrderLine, type OrderLineDraft } from '../src/lib/orderLines';
import {
  applyScan, expectedQuantity, lotOfLabel, matchScan, mergeScan, openQuantity, perScan, plus, receiptBody, type ReceivingLine,
} from '../src/lib/scan';

// The order of the procure-to-pay story: 100 speakers (pieces), 2 boxes of milk (a box is 24).
const SPEAKER = 11;
const MILK = 12;
const PCS = 1;
const BOX = 5;
function receiving(over: Partial<ReceivingLine> & Pick<ReceivingLine, 'line_no' | 'item_id'>): ReceivingLine {
  return {
    item_code: '', item_name: '', unit: '个', uom_id: PCS, factor: '1', ordered: '1', received: '0', returned: '0',
    quantity: '', rejected: '', reject_reason: '', lot_number: '', produced_on: '', expires_on: '', ...over,
  };
}
const order = () => [
  receiving({ line_no: 1, item_id: SPEAKER, ordered: '100' }),
  receiving({ line_no: 2, item_id: MILK, unit: '箱', uom_id: BOX, factor: '24', ordered: '2' }),
];
const piece = (item: number) => ({ item_id: item, uom_id: null, factor: '1' });
const box = { item_id: MILK, uom_id: BOX, factor: '24' };

describe('one scan on the receiving screen', () => {
  it('counts one of the scanned unit in the order line’s unit', () => {
    expect(perScan('1', '1')).toBe('1');
    expect(perScan('24', '1')).toBe('24');
    expect(perScan('24', '24')).toBe('1');
    expect(perScan('12', '24')).toBe('0.5');
    expect(perScan('1', '24')).toBeNull(); // 1/24 box has no exact decimal
  });

  it('finds the line of the scanned item and adds to it, scan after scan', () => {
    let lines = order();
    for (let i = 0; i < 3; i++) {
      const done = applyScan(lines, piece(SPEAKER));
      if ('problem' in done) throw new Error(done.problem);
      expect(done.row).toBe(0);
      lines = done.lines;
    }
    expect(lines[0].quantity).toBe('3');
    expect(openQuantity(lines[0])).toBe('97');
    const boxes = applyScan(lines, box);
    expect(boxes).toMatchObject({ row: 1, add: '1', over: false });
    if (!('problem' in boxes)) expect(boxes.lines[1].quantity).toBe('1');
  });

  it('refuses an item the order does not have, and a unit that does not divide into the line’s', () => {
    expect(matchScan(order(), piece(99))).toEqual({ problem: 'not_on_order' });
    expect(matchScan(order(), piece(MILK))).toEqual({ problem: 'unit_mismatch' });
  });

  it('goes on to the next line of the same item once the first has all it expects, then says it is over', () => {
    const lines = [
      receiving({ line_no: 1, item_id: SPEAKER, ordered: '10', received: '10' }),
      receiving({ line_no: 2, item_id: SPEAKER, ordered: '5', received: '3', returned: '1', quantity: '2' }),
      receiving({ line_no: 3, item_id: SPEAKER, ordered: '1' }),
    ];
    expect(expectedQuantity(lines[1])).toBe('3'); // 5 − (3 − 1)
    expect(matchScan(lines, piece(SPEAKER))).toEqual({ row: 1, add: '1', over: false });
    const full = lines.map((l) => ({ ...l, quantity: expectedQuantity(l) }));
    expect(matchScan(full, piece(SPEAKER))).toEqual({ row: 0, add: '1', over: true });
  });

  it('prefers the open line kept in the scanned unit', () => {
    const lines = [
      receiving({ line_no: 1, item_id: MILK, ordered: '48' }),
      receiving({ line_no: 2, item_id: MILK, uom_id: BOX, factor: '24', ordered: '3' }),
    ];
    expect(matchScan(lines, box)).toEqual({ row: 1, add: '1', over: false });
    expect(matchScan(lines, piece(MILK))).toEqual({ row: 0, add: '1', over: false });
    // A box on a line of pieces, when that is the line still open, counts 24.
    const boxesDone = lines.map((l, i) => (i === 1 ? { ...l, quantity: '3' } : l));
    expect(matchScan(boxesDone, box)).toEqual({ row: 0, add: '24', over: false });
  });

  it('reads the lot from a lot label', () => {
    expect(lotOfLabel('F-1/L-9')).toBe('L-9');
    expect(lotOfLabel('A/B/L-2026')).toBe('L-2026');
    expect(lotOfLabel('6901234567892')).toBe('');
    expect(lotOfLabel('F-1/')).toBe('');
  });

  it('posts the lines that received something, with what was typed beside the scans', () => {
    const lines = order();
    lines[0] = { ...lines[0], quantity: '45', rejected: '5', reject_reason: ' 外箱破损 ' };
    lines[1] = { ...lines[1], quantity: '2', rejected: '0', lot_number: 'L-9', produced_on: '2026-03-01' };
    const { body, rows } = receiptBody({ date: '2026-03-05', quarantine_warehouse_id: 8, note: '' }, [receiving({ line_no: 3, item_id: 1 }), ...lines]);
    expect(rows).toEqual([1, 2]);
    expect(body).toEqual({
      date: '2026-03-05', quarantine_warehouse_id: 8,
      lines: [
        { line_no: 1, quantity: '45', rejected: '5', reject_reason: '外箱破损' },
        { line_no: 2, quantity: '2', lot_number: 'L-9', produced_on: '2026-03-01' },
      ],
    });
  });
});

describe('one scan into an entry grid', () => {
  const make = (base: OrderLineDraft | null, item: number, uom: number | null): OrderLineDraft =>
    ({ ...(base ?? blankOrderLine()), item_id: item, uom_id: uom, quantity: '1' });

  it('fills the first blank line, then counts again on the line of the same item and unit', () => {
    let lines = [blankOrderLine(), blankOrderLine()];
    let step = mergeScan(lines, { item_id: SPEAKER, uom_id: PCS }, (b) => make(b, SPEAKER, PCS), isBlankOrderLine);
    expect(step.row).toBe(0);
    lines = step.lines;
    step = mergeScan(lines, { item_id: MILK, uom_id: BOX }, (b) => make(b, MILK, BOX), isBlankOrderLine);
    expect(step.row).toBe(1);
    lines = step.lines;
    step = mergeScan(lines, { item_id: SPEAKER, uom_id: PCS }, (b) => make(b, SPEAKER, PCS), isBlankOrderLine);
    expect(step.row).toBe(0);
    expect(step.lines[0].quantity).toBe('2');
    // The same item in another unit is a line of its own, added at the end.
    step = mergeScan(step.lines, { item_id: MILK, uom_id: PCS }, (b) => make(b, MILK, PCS), isBlankOrderLine);
    expect(step.row).toBe(2);
    expect(step.lines).toHaveLength(3);
  });

  it('keeps lines apart by what else must match (a lot)', () => {
    const lines = [{ ...make(null, MILK, PCS), lot_number: 'L-1' }];
    const step = mergeScan(lines, { item_id: MILK, uom_id: PCS }, (b) => ({ ...make(b, MILK, PCS), lot_number: 'L-2' }),
      isBlankOrderLine, (l) => l.lot_number === 'L-2');
    expect(step.row).toBe(1);
    expect(step.lines[0].quantity).toBe('1');
  });

  it('adds typed quantities exactly', () => {
    expect(plus('1.5', '1')).toBe('2.5');
    expect(plus('0.1', '0.2')).toBe('0.3');
    expect(plus('', '1')).toBe('1');
  });
});

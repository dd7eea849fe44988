import { describe, expect, it } from 'vitest';
import type { StocktakeLine, VarianceLine } from '../src/api/inventory';
import { countErrors, countsBody, largestDifferences, scanCount } from '../src/lib/stocktake';

function line(over: Partial<StocktakeLine> & Pick<StocktakeLine, 'id' | 'item_id'>): StocktakeLine {
  return {
    line_no: over.id, item_code: `I${over.item_id}`, item_name: '', specification: '', unit: '个', location_id: null, location: null,
    lot_id: null, lot_number: null, counted: null, counted_by: null, ...over,
  };
}
// Speakers on line 1; milk in two lots on lines 2 and 3.
const sheet = [
  line({ id: 1, item_id: 11 }),
  line({ id: 2, item_id: 12, lot_number: 'L1', counted: '10' }),
  line({ id: 3, item_id: 12, lot_number: 'L2' }),
];

describe('counts to the PUT body', () => {
  it('sends only typed counts that changed, normalised, in sheet order, with their rows', () => {
    const body = countsBody(sheet, { 3: '1,000', 1: '4', 2: '10' });
    expect(body.counts).toEqual([{ line_id: 1, counted: '4' }, { line_id: 3, counted: '1000' }]);
    expect(body.rows).toEqual([1, 3]);
  });
  it('sends what cannot be read as typed, for the server to name; blanks are not sent', () => {
    expect(countsBody(sheet, { 1: ' abc ', 3: '' }).counts).toEqual([{ line_id: 1, counted: 'abc' }]);
  });
  it('puts counts[i].counted at the line sent as i', () => {
    expect(countErrors([{ field: 'counts[1].counted', message: '不能为负数' }, { field: 'date', message: 'x' }], [1, 3]))
      .toEqual({ 3: '不能为负数' });
  });
});

describe('one scan while counting', () => {
  it('adds one to the first line of the item, on top of what is counted or typed', () => {
    expect(scanCount(sheet, {}, { item_id: 11, factor: '1', lot_number: '' })).toEqual({ line_id: 1, counted: '1' });
    expect(scanCount(sheet, { 1: '4' }, { item_id: 11, factor: '1', lot_number: '' })).toEqual({ line_id: 1, counted: '5' });
    expect(scanCount(sheet, {}, { item_id: 12, factor: '1', lot_number: '' })).toEqual({ line_id: 2, counted: '11' });
  });
  it('adds a box’s factor, and goes to the lot a label names', () => {
    expect(scanCount(sheet, {}, { item_id: 12, factor: '24', lot_number: 'L2' })).toEqual({ line_id: 3, counted: '24' });
    expect(scanCount(sheet, {}, { item_id: 12, factor: '0.5', lot_number: 'L1' })).toEqual({ line_id: 2, counted: '10.5' });
  });
  it('sends an item not on the sheet as a place (found goods)', () => {
    expect(scanCount(sheet, {}, { item_id: 99, factor: '1', lot_number: '' })).toEqual({ item_id: 99, counted: '1' });
    expect(scanCount(sheet, {}, { item_id: 12, factor: '6', lot_number: 'L9' })).toEqual({ item_id: 12, lot_number: 'L9', counted: '6' });
  });
});

describe('the variance chart', () => {
  const v = (over: Partial<VarianceLine>): VarianceLine => ({
    ...line({ id: 1, item_id: 1 }), book: '0', book_now: '0', book_changed: false, status: 'match', ...over,
  });
  it('keeps the largest gains and losses by value, leaving matches and uncounted lines out', () => {
    const bars = largestDifferences([
      v({ item_code: 'A', status: 'gain', value: '10.00' }),
      v({ item_code: 'B', status: 'loss', value: '-250.50', lot_number: 'L1', location: 'A-01' }),
      v({ item_code: 'C', status: 'match', value: '0.00' }),
      v({ item_code: 'D', status: 'uncounted' }),
      v({ item_code: 'E', status: 'gain', value: '99.99' }),
    ], 2);
    expect(bars).toEqual([{ label: 'B/L1 @A-01', value: -250.5 }, { label: 'E', value: 99.99 }]);
  });
});

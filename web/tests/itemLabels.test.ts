import { describe, expect, it } from 'vitest';
import { DEFAULT_LABEL_OPTIONS, labelField, labelProblems, labelsQuery, MAX_LABELS } from '../src/lib/itemLabels';

describe('item label options, checked as the server checks them', () => {
  it('asks for the ids in the order chosen, with the options', () => {
    expect(labelsQuery([12, 7, 31], { symbology: 'qr', layout: 'roll', copies: ' 03 ' }))
      .toEqual({ ids: '12,7,31', symbology: 'qr', layout: 'roll', copies: '3' });
    expect(labelsQuery([5], DEFAULT_LABEL_OPTIONS)).toEqual({ ids: '5', symbology: 'code128', layout: 'sheet', copies: '1' });
  });
  it('accepts one to 10,000 copies', () => {
    expect(labelProblems([1], { ...DEFAULT_LABEL_OPTIONS, copies: '1' })).toEqual({});
    expect(labelProblems([1], { ...DEFAULT_LABEL_OPTIONS, copies: String(MAX_LABELS) })).toEqual({});
  });
  it('refuses copies that are not a whole number from 1 to 10,000', () => {
    for (const copies of ['0', '', '1.5', '-2', 'abc', '10001', '99999999'])
      expect(labelProblems([1], { ...DEFAULT_LABEL_OPTIONS, copies }).copies).toBe('copies_invalid');
  });
  it('refuses more than 10,000 labels in all, copies counted', () => {
    expect(labelProblems([1, 2, 3], { ...DEFAULT_LABEL_OPTIONS, copies: '3334' }).copies).toBe('too_many');
    expect(labelProblems([1, 2, 3], { ...DEFAULT_LABEL_OPTIONS, copies: '3333' })).toEqual({});
  });
  it('needs at least one item, by a positive id', () => {
    expect(labelProblems([], DEFAULT_LABEL_OPTIONS).ids).toBe('ids_required');
    expect(labelProblems([0], DEFAULT_LABEL_OPTIONS).ids).toBe('ids_invalid');
  });
  it('puts the server’s fields on the modal’s controls', () => {
    expect(labelField('ids[2]')).toBe('ids');
    expect(labelField('copies')).toBe('copies');
    expect(labelField('layout')).toBe('layout');
    expect(labelField('other')).toBeNull();
  });
});

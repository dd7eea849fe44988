import { describe, expect, it } from 'vitest';
import { amountInWords } from '../src/lib/amountWords';

describe('amountInWords (大写金额)', () => {
  it.each([
    ['12345.67', '壹万贰仟叁佰肆拾伍元陆角柒分'],
    ['0', '零元整'],
    ['0.00', '零元整'],
    ['0.05', '伍分'],
    ['0.50', '伍角'],
    ['0.55', '伍角伍分'],
    ['10.00', '壹拾元整'],
    ['15', '壹拾伍元整'],
    ['1000000.10', '壹佰万元零壹角'],
    ['100010.01', '壹拾万零壹拾元零壹分'],
    ['1680.32', '壹仟陆佰捌拾元零叁角贰分'],
    ['107000.53', '壹拾万柒仟元零伍角叁分'],
    ['325.04', '叁佰贰拾伍元零肆分'],
    ['1010', '壹仟零壹拾元整'],
    ['101000', '壹拾万壹仟元整'],
    ['100001000', '壹亿零壹仟元整'],
    ['10000100', '壹仟万零壹佰元整'],
    ['110000000', '壹亿壹仟万元整'],
    ['100000001', '壹亿零壹元整'],
    ['201000000', '贰亿零壹佰万元整'],
    ['1000000000000', '壹万亿元整'],
    ['1000000000001', '壹万亿零壹元整'],
    ['1234500000000', '壹万贰仟叁佰肆拾伍亿元整'],
    ['500000.00', '伍拾万元整'],
    ['143000.00', '壹拾肆万叁仟元整'],
  ])('%s → %s', (amount, words) => {
    expect(amountInWords(amount)).toBe(words);
  });

  it('writes 负 before a negative (red-letter) amount', () => {
    expect(amountInWords('-800.00')).toBe('负捌佰元整');
    expect(amountInWords('-0.05')).toBe('负伍分');
    expect(amountInWords('-0.00')).toBe('零元整');
  });

  it('rounds to the cent half away from zero and reads typed amounts', () => {
    expect(amountInWords('0.005')).toBe('壹分');
    expect(amountInWords('9.995')).toBe('壹拾元整');
  });

  it('refuses what is not an amount or too large', () => {
    expect(amountInWords('abc')).toBeNull();
    expect(amountInWords('')).toBeNull();
    expect(amountInWords('12345678901234567')).toBeNull();
  });
});

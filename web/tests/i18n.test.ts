import { describe, expect, it } from 'vitest';
import { enUS, zhCN } from '../src/i18n/resources';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('translations', () => {
  it('have the same keys in zh-CN and en-US, none empty', () => {
    expect(keys(enUS).sort()).toEqual(keys(zhCN).sort());
    for (const k of keys(enUS)) expect(k.split('.').reduce((o: any, p) => o[p], enUS)).not.toBe('');
  });
});

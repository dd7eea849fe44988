import { describe, expect, it } from 'vitest';
import { decodeText, parseCsv } from '../src/lib/csv';

describe('parseCsv', () => {
  it('reads quoted cells with commas, quotes and line breaks, and skips the BOM', () => {
    expect(parseCsv('\uFEFFname,note\r\n"华东, 机电","say ""hi"""\n"a\nb",x\n')).toEqual([
      ['name', 'note'],
      ['华东, 机电', 'say "hi"'],
      ['a\nb', 'x'],
    ]);
  });
  it('keeps a last row without a line break and skips blank lines', () => {
    expect(parseCsv('a,b\n\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });
});

describe('decodeText', () => {
  it('reads UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('客户').buffer as ArrayBuffer)).toBe('客户');
  });
  it('falls back to GB18030', () => {
    expect(decodeText(new Uint8Array([0xbf, 0xcd, 0xbb, 0xa7]).buffer)).toBe('客户');
  });
});

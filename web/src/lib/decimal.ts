// Decimal strings ("1234.50") formatted for people without ever becoming JS numbers:
// amounts stay exact end to end (ARCHITECTURE §3). Rounding is half away from zero (四舍五入).

export interface DecimalFormat {
  /** Fraction digits to show; the value is rounded (half away from zero) or padded to it. */
  scale?: number;
  /** ISO 4217 code; adds the currency symbol (CNY → ¥). */
  currency?: string;
  /** Thousands grouping (default true). */
  grouping?: boolean;
  locale?: string;
}

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/;

const SYMBOLS: Record<string, string> = { CNY: '¥', RMB: '¥', JPY: '¥', USD: '$', HKD: 'HK$', EUR: '€', GBP: '£' };

export function currencySymbol(code: string): string {
  return SYMBOLS[code.toUpperCase()] ?? code.toUpperCase() + ' ';
}

/** True for a plain decimal string: optional sign, digits, optional fraction. */
export function isDecimalString(text: string): boolean {
  const m = DECIMAL.exec(text.trim());
  return m !== null && ((m[2] ?? '') + (m[3] ?? '')).length > 0;
}

interface Parts {
  negative: boolean;
  whole: string;
  fraction: string;
}

function parts(text: string): Parts | null {
  const m = DECIMAL.exec(text.trim());
  if (!m || ((m[2] ?? '') + (m[3] ?? '')).length === 0) return null;
  const whole = (m[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  return { negative: m[1] === '-', whole, fraction: m[3] ?? '' };
}

/** Adds one to a string of digits ("199" → "200"). */
function increment(digits: string): string {
  const out = digits.split('');
  let i = out.length - 1;
  for (; i >= 0; i--) {
    if (out[i] === '9') out[i] = '0';
    else {
      out[i] = String.fromCharCode(out[i].charCodeAt(0) + 1);
      return out.join('');
    }
  }
  return '1' + out.join('');
}

/** Rounds a decimal string to `scale` digits, half away from zero; pads with zeros. */
export function roundDecimal(text: string, scale: number): string {
  const p = parts(text);
  if (!p) throw new Error(`not a decimal: ${text}`);
  let { whole, fraction } = p;
  if (fraction.length > scale) {
    const roundUp = fraction.charCodeAt(scale) >= 53; // '5'
    const kept = whole + fraction.slice(0, scale);
    let digits = roundUp ? increment(kept) : kept;
    if (digits.length < kept.length) digits = digits.padStart(kept.length, '0');
    whole = digits.slice(0, digits.length - scale) || '0';
    fraction = digits.slice(digits.length - scale);
  } else {
    fraction = fraction.padEnd(scale, '0');
  }
  const zero = /^0*$/.test(whole + fraction);
  const sign = p.negative && !zero ? '-' : '';
  return sign + whole + (scale > 0 ? '.' + fraction : '');
}

function group(whole: string, separator: string): string {
  let out = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) out += separator;
    out += whole[i];
  }
  return out;
}

/**
 * "1234.5" → "1,234.50" (scale 2), with currency CNY → "¥1,234.50", negative → "-¥1,234.50".
 * zh-CN and en-US both group by thousands with "," and use "." for the fraction.
 * Anything that is not a decimal string is returned unchanged.
 */
export function formatDecimal(value: string | null | undefined, format: DecimalFormat = {}): string {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  if (!isDecimalString(text)) return text;
  const rounded = format.scale === undefined ? normalise(text) : roundDecimal(text, format.scale);
  const negative = rounded.startsWith('-');
  const [whole, fraction] = (negative ? rounded.slice(1) : rounded).split('.');
  const grouped = format.grouping === false ? whole : group(whole, ',');
  const symbol = format.currency ? currencySymbol(format.currency) : '';
  return (negative ? '-' : '') + symbol + grouped + (fraction !== undefined ? '.' + fraction : '');
}

/** Canonical form without rounding: "+001.50" → "1.50", "-0" → "0", ".5" → "0.5". */
export function normalise(text: string): string {
  const p = parts(text);
  if (!p) throw new Error(`not a decimal: ${text}`);
  const zero = /^0*$/.test(p.whole + p.fraction);
  return (p.negative && !zero ? '-' : '') + p.whole + (p.fraction ? '.' + p.fraction : '');
}

/** What a person typed ("1,234.5", "¥ 1 234.5", full-width digits) as a decimal string, or null. */
export function parseDecimalInput(input: string): string | null {
  const ascii = input.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48)).replace(/\uFF0E/g, '.');
  const cleaned = ascii.replace(/[\s,¥$€£\u3000]/g, '');
  if (cleaned === '') return null;
  return isDecimalString(cleaned) ? normalise(cleaned) : null;
}

/** Compares two decimal strings exactly: -1, 0, 1. */
export function compareDecimal(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  if (!pa || !pb) throw new Error('not a decimal');
  const za = /^0*$/.test(pa.whole + pa.fraction);
  const zb = /^0*$/.test(pb.whole + pb.fraction);
  const sa = za ? 0 : pa.negative ? -1 : 1;
  const sb = zb ? 0 : pb.negative ? -1 : 1;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  const len = Math.max(pa.fraction.length, pb.fraction.length);
  const da = pa.whole.padStart(64, '0') + pa.fraction.padEnd(len, '0');
  const db = pb.whole.padStart(64, '0') + pb.fraction.padEnd(len, '0');
  const c = da === db ? 0 : da < db ? -1 : 1;
  return sa < 0 ? -c : c;
}

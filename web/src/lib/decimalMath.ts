// Exact arithmetic on decimal strings for the previews the grids show (quantity × price to the
// cent, tax, quantities added scan by scan), in BigInt units at a scale: never JS numbers.
// Rounding is half away from zero (四舍五入), as the server's Decimal rounds.
import { parseDecimalInput } from './decimal';

/** A decimal as an integer of units at a scale: 12.5 = { units: 125n, scale: 1 }. */
export interface Scaled {
  units: bigint;
  scale: number;
}

/** What a person typed (through parseDecimalInput: "1,234.5", full-width digits) as units; null when it is not a decimal. */
export function scaled(text: string): Scaled | null {
  const value = parseDecimalInput(text);
  if (value === null) return null;
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const units = BigInt(whole + fraction);
  return { units: negative ? -units : units, scale: fraction.length };
}

/** Units rounded (half away from zero) or padded to `scale`. */
export function rescale(value: Scaled, scale: number): bigint {
  if (scale >= value.scale) return value.units * 10n ** BigInt(scale - value.scale);
  const divisor = 10n ** BigInt(value.scale - scale);
  const negative = value.units < 0n;
  const abs = negative ? -value.units : value.units;
  let out = abs / divisor;
  if ((abs % divisor) * 2n >= divisor) out += 1n;
  return negative ? -out : out;
}

/** The exact product. */
export function multiply(a: Scaled, b: Scaled): Scaled {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** The exact sum. */
export function add(a: Scaled, b: Scaled): Scaled {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function subtract(a: Scaled, b: Scaled): Scaled {
  return add(a, { units: -b.units, scale: b.scale });
}

/** a ÷ b when it ends within `maxScale` decimals, else null (1 ÷ 24 has no exact decimal). */
export function divideExact(a: Scaled, b: Scaled, maxScale: number): Scaled | null {
  if (b.units === 0n) return null;
  // a/b = (a.units · 10^(maxScale + b.scale − a.scale)) / b.units at scale maxScale.
  const shift = maxScale + b.scale - a.scale;
  const numerator = shift >= 0 ? a.units * 10n ** BigInt(shift) : a.units;
  const denominator = shift >= 0 ? b.units : b.units * 10n ** BigInt(-shift);
  if (numerator % denominator !== 0n) return null;
  return trim({ units: numerator / denominator, scale: maxScale });
}

/** The same value without trailing zeros in the fraction: 2.500 → 2.5. */
export function trim(value: Scaled): Scaled {
  let { units, scale } = value;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

/** Canonical text without trailing zeros: { 2500n, 3 } → "2.5", { -5n, 2 } → "-0.05". */
export function format(value: Scaled): string {
  const { units, scale } = trim(value);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale ? '.' + fraction : ''}`;
}

/** -1, 0 or 1. */
export function compare(a: Scaled, b: Scaled): number {
  const d = subtract(a, b).units;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** a × b rounded once to whole cents, half away from zero; null when either is not a decimal. */
export function productCents(a: string, b: string): bigint | null {
  const x = scaled(a);
  const y = scaled(b);
  if (x === null || y === null) return null;
  return rescale(multiply(x, y), 2);
}

/** Whole cents × a rate (0.13), rounded half away from zero to the cent: the tax of an amount. */
export function centsTimesRate(cents: bigint, rate: Scaled): bigint {
  return rescale(multiply({ units: cents, scale: 2 }, rate), 2);
}

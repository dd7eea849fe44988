// Purchasing tolerances (容差): the server keeps fractions ("0.05"), people read and type
// percentages ("5"). Both ways are exact — a shift of the decimal point on BigInt units, never a
// JS number — so 12.5 % is sent as "0.125" and "0.0525" shows as 5.25.
import { format, scaled } from './decimalMath';

export const TOLERANCE_FIELDS = ['over_receipt', 'invoice_quantity', 'invoice_price'] as const;
export type ToleranceField = (typeof TOLERANCE_FIELDS)[number];
export type Tolerances = Record<ToleranceField, string>;

/** "0.05" → "5", "0.125" → "12.5", "0.5" → "50", "0.0000" → "0"; anything else unchanged. */
export function fractionToPercent(fraction: string): string {
  const value = scaled(fraction);
  if (value === null) return fraction;
  return format(value.scale >= 2 ? { units: value.units, scale: value.scale - 2 }
    : { units: value.units * 10n ** BigInt(2 - value.scale), scale: 0 });
}

/**
 * What a person typed as a percentage ("5", "12.5 %", "５") as the fraction the server takes
 * ("0.05", "0.125"); null when it is not a number. Range and precision are the server's rules
 * (0–0.5, four decimals): its refusal names the field, and the page shows it there.
 */
export function percentToFraction(typed: string): string | null {
  const value = scaled(typed.replace(/[%％]\s*$/, ''));
  if (value === null) return null;
  return format({ units: value.units, scale: value.scale + 2 });
}

export type ToleranceBody = { ok: true; body: Tolerances } | { ok: false; invalid: ToleranceField[] };

/** The PUT body from the three typed percentages, or the fields that are not numbers. */
export function tolerancesBody(typed: Record<ToleranceField, string>): ToleranceBody {
  const body = {} as Tolerances;
  const invalid: ToleranceField[] = [];
  for (const field of TOLERANCE_FIELDS) {
    const fraction = percentToFraction(typed[field] ?? '');
    if (fraction === null) invalid.push(field);
    else body[field] = fraction;
  }
  return invalid.length ? { ok: false, invalid } : { ok: true, body };
}

/** The server's answer as the percentages the form shows. */
export function tolerancesAsPercent(answer: Tolerances): Record<ToleranceField, string> {
  return Object.fromEntries(TOLERANCE_FIELDS.map((f) => [f, fractionToPercent(answer[f] ?? '0')])) as Record<ToleranceField, string>;
}

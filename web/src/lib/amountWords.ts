// 大写金额: an amount in Chinese capital numerals as cheques, invoices and vouchers print it
// (壹万贰仟叁佰肆拾伍元陆角柒分), following the 《支付结算办法》 rules: one 零 for a run of zeros
// inside the number, 零 after 元 when the 元 digit is zero and 角 or 分 follow, 整 after 元 when
// there are no 角 and 分, 负 before a negative amount (红字). Works on the decimal string, never a
// JS number; rounds to the cent half away from zero.
import { roundDecimal } from './decimal';

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES = ['', '拾', '佰', '仟'];
// Four-digit groups from the right: units, 万, 亿, 万亿.
const GROUPS = ['', '万', '亿', '万'];

/** The whole part (digits, no leading zeros, not "0") in capitals, without 元. */
function wholeInWords(whole: string): string {
  let out = '';
  let zero = false;
  for (let i = 0; i < whole.length; i++) {
    const position = whole.length - 1 - i;
    const group = Math.floor(position / 4);
    const place = position % 4;
    const digit = whole.charCodeAt(i) - 48;
    if (digit === 0) {
      if (out) zero = true;
    } else {
      if (zero) out += '零';
      zero = false;
      out += DIGITS[digit] + PLACES[place];
    }
    if (place === 0 && group > 0) {
      const digits = whole.slice(Math.max(0, i - 3), i + 1);
      // Zeros closing a group are not read (壹拾万柒仟); an empty group or one opening with zeros is (壹亿零壹仟).
      if (!/^0+$/.test(digits)) {
        out += GROUPS[group];
        zero = false;
      }
      // 壹万亿 without 亿 of its own: the 亿 group is empty, so 亿 closes the 万亿 group.
      if (group === 3 && whole.slice(i + 1, i + 5) === '0000' && !/^0+$/.test(digits)) out += '亿';
    }
  }
  return out;
}

/**
 * "12345.67" → "壹万贰仟叁佰肆拾伍元陆角柒分"; "0" → "零元整"; "-800" → "负捌佰元整".
 * Amounts up to 9999,9999,9999,9999.99 (sixteen whole digits); null for anything else.
 */
export function amountInWords(amount: string): string | null {
  let rounded: string;
  try {
    rounded = roundDecimal(amount, 2);
  } catch {
    return null;
  }
  const negative = rounded.startsWith('-');
  const [whole, fraction] = (negative ? rounded.slice(1) : rounded).split('.');
  if (whole.length > 16) return null;
  const jiao = fraction.charCodeAt(0) - 48;
  const fen = fraction.charCodeAt(1) - 48;
  const hasWhole = whole !== '0';
  if (!hasWhole && jiao === 0 && fen === 0) return '零元整';
  let out = hasWhole ? wholeInWords(whole) + '元' : '';
  if (jiao === 0 && fen === 0) {
    out += '整';
  } else {
    if (jiao > 0) {
      if (hasWhole && whole.endsWith('0')) out += '零';
      out += DIGITS[jiao] + '角';
    } else if (hasWhole) {
      out += '零';
    }
    if (fen > 0) out += DIGITS[fen] + '分';
  }
  return (negative ? '负' : '') + out;
}

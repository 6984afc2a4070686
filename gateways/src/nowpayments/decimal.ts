/**
 * Exact decimal strings for NOWPayments amounts. NOWPayments speaks JSON numbers; we never do
 * arithmetic on them as floats: amounts travel as decimal strings and are computed as bigint.
 */
import { PayGateError } from '@paygate/domain';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export const isDecimalString = (value: string): boolean => DECIMAL.test(value);

/** Drops redundant zeros: "012.5000" → "12.5", "1.0" → "1", "-0" → "0". */
export const normalizeDecimal = (value: string): string => {
  const match = DECIMAL.exec(value);
  if (!match) throw new PayGateError('validation', 'not a decimal string', { value });
  const [, sign = '', whole = '0', fraction = ''] = match;
  const int = whole.replace(/^0+(?=\d)/, '');
  const frac = fraction.replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return body === '0' ? '0' : `${sign}${body}`;
};

/**
 * The decimal a JS number denotes, in plain notation. JSON.parse/String give the shortest string
 * that round-trips (what NOWPayments' own JSON.stringify wrote), but switch to exponent form
 * below 1e-6 and above 1e21; this expands that form so no digit is invented or lost.
 */
export const numberToDecimalString = (value: number): string => {
  if (!Number.isFinite(value)) throw new PayGateError('validation', 'not a finite number', { value: String(value) });
  const text = String(value);
  const exp = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exp) return normalizeDecimal(text);
  const [, sign = '', whole = '', fraction = '', power = '0'] = exp;
  const digits = whole + fraction;
  const point = whole.length + Number(power); // position of the decimal point within digits
  if (point <= 0) return normalizeDecimal(`${sign}0.${'0'.repeat(-point)}${digits}`);
  if (point >= digits.length) return normalizeDecimal(`${sign}${digits}${'0'.repeat(point - digits.length)}`);
  return normalizeDecimal(`${sign}${digits.slice(0, point)}.${digits.slice(point)}`);
};

/**
 * The JSON number for a decimal string, refusing any decimal a double cannot carry exactly
 * (more than ~15 significant digits): an IPN amount must read back digit for digit.
 */
export const toExactJsonNumber = (decimal: string): number => {
  const normalized = normalizeDecimal(decimal);
  const value = Number(normalized);
  if (numberToDecimalString(value) !== normalized) {
    throw new PayGateError('validation', 'decimal cannot be represented exactly as a JSON number', { decimal });
  }
  return value;
};

/** "12.34" at 6 decimals → 12340000n; more fractional digits than `decimals` is an error. */
export const decimalToUnits = (decimal: string, decimals: number): bigint => {
  const normalized = normalizeDecimal(decimal);
  const negative = normalized.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? normalized.slice(1) : normalized).split('.');
  if (fraction.length > decimals) {
    throw new PayGateError('validation', `more than ${decimals} decimal places`, { decimal });
  }
  const units = BigInt(whole + fraction.padEnd(decimals, '0'));
  return negative ? -units : units;
};

/** 12340000n at 6 decimals → "12.34". */
export const unitsToDecimal = (units: bigint, decimals: number): string => {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  return normalizeDecimal(`${negative ? '-' : ''}${whole}${decimals > 0 ? `.${fraction}` : ''}`);
};

const scaleOf = (decimal: string): number => normalizeDecimal(decimal).split('.')[1]?.length ?? 0;

export type Rounding = 'up' | 'down';

const divRound = (numerator: bigint, denominator: bigint, rounding: Rounding): bigint => {
  if (denominator === 0n) throw new PayGateError('validation', 'division by zero');
  if (numerator < 0n || denominator < 0n) throw new PayGateError('validation', 'negative amounts are not supported here');
  const quotient = numerator / denominator;
  return rounding === 'up' && quotient * denominator !== numerator ? quotient + 1n : quotient;
};

/** a × b, rounded to `decimals` places. */
export const multiplyDecimal = (a: string, b: string, decimals: number, rounding: Rounding): string => {
  const sa = scaleOf(a);
  const sb = scaleOf(b);
  const product = decimalToUnits(a, sa) * decimalToUnits(b, sb); // scale sa + sb
  const units = divRound(product * 10n ** BigInt(decimals), 10n ** BigInt(sa + sb), rounding);
  return unitsToDecimal(units, decimals);
};

/** a ÷ b, rounded to `decimals` places. */
export const divideDecimal = (a: string, b: string, decimals: number, rounding: Rounding): string => {
  const sa = scaleOf(a);
  const sb = scaleOf(b);
  // (A/10^sa) / (B/10^sb) × 10^d = A × 10^(sb+d) / (B × 10^sa)
  const numerator = decimalToUnits(a, sa) * 10n ** BigInt(sb + decimals);
  const denominator = decimalToUnits(b, sb) * 10n ** BigInt(sa);
  return unitsToDecimal(divRound(numerator, denominator, rounding), decimals);
};

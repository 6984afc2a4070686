/**
 * Exact decimal strings for NOWPayments amounts. NOWPayments speaks JSON numbers; we never do
 * arithmetic on them as floats: amounts travel as decimal strings and are computed as bigint.
 */
import { canonicalDecimal, decimalOf, formatDecimal, parseDecimal, PayGateError, toMinorUnits } from '@paygate/domain';

// Plain notation only: what the client and sandbox accept as an amount string. The arithmetic
// below is the domain's exact decimal code; this file only adds what NOWPayments needs on top.
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Drops redundant zeros: "012.5000" → "12.5", "1.0" → "1", "-0" → "0". */
export const normalizeDecimal = (value: string): string => {
  if (!DECIMAL.test(value)) throw new PayGateError('validation', 'not a decimal string', { value });
  return canonicalDecimal(value);
};

/**
 * The decimal a JS number denotes, in plain notation. JSON.parse/String give the shortest string
 * that round-trips (what NOWPayments' own JSON.stringify wrote), but switch to exponent form
 * below 1e-6 and above 1e21; this expands that form so no digit is invented or lost.
 */
export const numberToDecimalString = (value: number): string => {
  if (!Number.isFinite(value)) throw new PayGateError('validation', 'not a finite number', { value: String(value) });
  return canonicalDecimal(value);
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
export const decimalToUnits = (decimal: string, decimals: number): bigint => toMinorUnits(parseDecimal(normalizeDecimal(decimal)), decimals);

/** 12340000n at 6 decimals → "12.34". */
export const unitsToDecimal = (units: bigint, decimals: number): string => formatDecimal(decimalOf(units, decimals));

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

import { PayGateError } from '../errors/index.ts';

/**
 * An exact decimal: value = units × 10^-scale, scale ≥ 0, no trailing zeros in `units` when
 * scale > 0 (so each value has one representation). The bridge between the text an IPN carries
 * and bigint minor units; no floating-point arithmetic anywhere.
 */
export type Decimal = { readonly units: bigint; readonly scale: number };

/** What amounts arrive as: decimal strings, or JSON numbers as JSON.parse returned them. */
export type DecimalInput = string | number;

// Plain or exponent notation, as String(number) writes it; no spaces, no "+", no ".5" or "5.".
const DECIMAL_TEXT = /^(-)?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
// Bounds keep a hostile "1e999999999" from allocating a giant bigint.
const MAX_TEXT_LENGTH = 100;
const MAX_EXPONENT = 1000;

const invalid = (text: string, reason: string) =>
  new PayGateError('validation', `not a decimal amount (${reason}): ${JSON.stringify(text.slice(0, 40))}`, { reason });

/**
 * The text of a decimal input. For a JS number that is String(n): the shortest text that reads
 * back as the same double (ECMAScript Number::toString), i.e. the digits the sender wrote for any
 * value a double can carry. It may use exponent notation ("1e-7", "1.5e+21"); parseDecimal reads it.
 */
export const decimalText = (value: DecimalInput): string => {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(String(value), 'not finite');
    return String(value);
  }
  return value;
};

/** units × 10^-scale, normalised (trailing zeros dropped). */
export const decimalOf = (units: bigint, scale: number): Decimal => {
  let u = units;
  let s = scale;
  while (s > 0 && u % 10n === 0n) {
    u /= 10n;
    s -= 1;
  }
  return { units: u, scale: s };
};

/** Reads "12.50", "0.000153", "1e-7", 12.5, 1e-7 … exactly; anything else is PayGateError('validation'). */
export const parseDecimal = (value: DecimalInput): Decimal => {
  const text = decimalText(value);
  if (text.length > MAX_TEXT_LENGTH) throw invalid(text, 'too long');
  const match = DECIMAL_TEXT.exec(text);
  if (!match) throw invalid(text, 'malformed');
  const [, minus, whole = '', fraction = '', exponentText = '0'] = match;
  const exponent = Number.parseInt(exponentText, 10);
  if (Math.abs(exponent) > MAX_EXPONENT) throw invalid(text, 'exponent out of range');
  const digits = BigInt(whole + fraction);
  const scale = fraction.length - exponent;
  const units = scale < 0 ? digits * 10n ** BigInt(-scale) : digits;
  return decimalOf(minus ? -units : units, Math.max(scale, 0));
};

/**
 * Plain text, never exponent notation. For a normalised Decimal this is the canonical form
 * ("1e-7" → "0.0000001", "12.50" → "12.5", "-0" → "0"); an unnormalised one keeps its scale
 * ({ units: 1250n, scale: 2 } → "12.50").
 */
export const formatDecimal = (decimal: Decimal): string => {
  const negative = decimal.units < 0n;
  const digits = (negative ? -decimal.units : decimal.units).toString().padStart(decimal.scale + 1, '0');
  const point = digits.length - decimal.scale;
  const body = decimal.scale > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : digits;
  return negative ? `-${body}` : body;
};

export const canonicalDecimal = (value: DecimalInput): string => formatDecimal(parseDecimal(value));

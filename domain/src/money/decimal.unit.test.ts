import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PayGateError } from '../errors/index.ts';
import { canonicalDecimal, decimalText, formatDecimal, parseDecimal } from './decimal.ts';

describe('parseDecimal', () => {
  it.each([
    ['12.50', 125n, 1],
    ['12.5', 125n, 1],
    [12.5, 125n, 1],
    [0.000153, 153n, 6],
    ['0.000153', 153n, 6],
    [1e-7, 1n, 7],
    ['1e-7', 1n, 7],
    [1.5e-7, 15n, 8],
    [1e21, 10n ** 21n, 0],
    ['1.5E+3', 1500n, 0],
    [170, 170n, 0],
    ['007.100', 71n, 1],
    [0, 0n, 0],
    [-0, 0n, 0],
    ['-0.00', 0n, 0],
    ['-12.340', -1234n, 2],
  ] as const)('%s → %s × 10^-%s', (input, units, scale) => {
    expect(parseDecimal(input)).toEqual({ units, scale });
  });

  it.each(['', ' 1', '1 ', '+1', '.5', '5.', '1,5', '0x10', '1e', 'NaN', 'Infinity', '1e5000', '1'.repeat(101), '١٢'])(
    'rejects %j as validation',
    (input) => {
      expect(() => parseDecimal(input)).toThrow(PayGateError);
      try {
        parseDecimal(input);
      } catch (error) {
        expect((error as PayGateError).kind).toBe('validation');
      }
    },
  );

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('rejects the number %s', (input) => {
    expect(() => parseDecimal(input)).toThrow(/not finite/);
  });

  it('formats to plain canonical text', () => {
    expect(canonicalDecimal(1e-7)).toBe('0.0000001');
    expect(canonicalDecimal(1.2345e-10)).toBe('0.00000000012345');
    expect(canonicalDecimal(1e21)).toBe('1000000000000000000000');
    expect(canonicalDecimal('12.50')).toBe('12.5');
    expect(canonicalDecimal(-0)).toBe('0');
    expect(formatDecimal({ units: 1250n, scale: 2 })).toBe('12.50');
  });
});

describe('decimal properties', () => {
  it('a JS number reads back as the very same double (its text is parsed, not its binary value)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        // Number() is used only in this test, to prove no digit was invented or lost.
        expect(Number(canonicalDecimal(x))).toBe(x === 0 ? 0 : x);
        expect(canonicalDecimal(x)).toBe(canonicalDecimal(decimalText(x)));
      }),
    );
  });

  it('format ∘ parse is the identity on canonical text, and parse is exact for any digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: 0, max: 30 }), (units, scale) => {
        const text = formatDecimal({ units, scale });
        const parsed = parseDecimal(text);
        // same value: units/10^scale = parsed.units/10^parsed.scale
        expect(units * 10n ** BigInt(parsed.scale)).toBe(parsed.units * 10n ** BigInt(scale));
        expect(formatDecimal(parsed)).toBe(canonicalDecimal(formatDecimal(parsed)));
      }),
    );
  });
});

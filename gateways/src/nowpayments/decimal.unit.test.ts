import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decimalToUnits,
  divideDecimal,
  multiplyDecimal,
  normalizeDecimal,
  numberToDecimalString,
  toExactJsonNumber,
  unitsToDecimal,
} from './decimal.ts';

describe('decimal strings', () => {
  it.each([
    [155.38559757, '155.38559757'],
    [0.09853637216235617, '0.09853637216235617'],
    [1e-7, '0.0000001'],
    [1.2e-7, '0.00000012'],
    [1.5e21, '1500000000000000000000'],
    [-2.5e-8, '-0.000000025'],
    [170, '170'],
    [-0, '0'],
  ])('numberToDecimalString(%s) = %s', (n, text) => {
    expect(numberToDecimalString(n)).toBe(text);
    expect(Number(text)).toBe(n === 0 ? 0 : n);
  });

  it('rejects non-finite numbers', () => {
    expect(() => numberToDecimalString(Number.NaN)).toThrow();
    expect(() => numberToDecimalString(Infinity)).toThrow();
  });

  it('normalizes', () => {
    expect(normalizeDecimal('0012.5000')).toBe('12.5');
    expect(normalizeDecimal('-0.000')).toBe('0');
    expect(() => normalizeDecimal('1e5')).toThrow();
    expect(() => normalizeDecimal('.5')).toThrow();
  });

  it('toExactJsonNumber refuses digits a double would lose', () => {
    expect(toExactJsonNumber('155.385597')).toBe(155.385597);
    expect(() => toExactJsonNumber('0.12345678901234567891')).toThrow(/exactly/);
  });

  it('units round-trip', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 18 }), (units, d) => {
        expect(decimalToUnits(unitsToDecimal(units, d), d)).toBe(units);
      }),
    );
    expect(() => decimalToUnits('1.234', 2)).toThrow();
  });

  it('any number round-trips through its decimal string', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(Number(numberToDecimalString(n))).toBe(n === 0 ? 0 : n);
      }),
    );
  });

  it('divides and multiplies exactly with explicit rounding', () => {
    expect(divideDecimal('10', '3', 6, 'down')).toBe('3.333333');
    expect(divideDecimal('10', '3', 6, 'up')).toBe('3.333334');
    expect(divideDecimal('25', '0.9998', 6, 'up')).toBe('25.005002');
    expect(divideDecimal('19.99', '64250.12', 8, 'up')).toBe('0.00031113');
    expect(multiplyDecimal('25.005002', '0.995', 6, 'down')).toBe('24.879976');
    expect(multiplyDecimal('1.5', '2', 0, 'up')).toBe('3');
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 9n }), (a, b) => {
        const q = divideDecimal(unitsToDecimal(a, 2), unitsToDecimal(b, 4), 6, 'down');
        // (a/10²) ÷ (b/10⁴) truncated to 6 places: q·b ≤ a·10⁸ < (q+1)·b in units
        const qUnits = decimalToUnits(q, 6);
        expect(qUnits * b <= a * 10n ** 8n).toBe(true);
        expect((qUnits + 1n) * b > a * 10n ** 8n).toBe(true);
      }),
    );
  });
});

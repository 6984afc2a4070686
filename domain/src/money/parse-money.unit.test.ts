import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PayGateError } from '../errors/index.ts';
import { CURRENCIES } from './currencies.ts';
import { formatMoney, parseMoney } from './parse-money.ts';
import { money } from './money.ts';

const kindOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return error instanceof PayGateError ? error.kind : 'not a PayGateError';
  }
  return undefined;
};

describe('parseMoney', () => {
  it.each([
    ['12.50', 'USD', 1250n, 2],
    [12.5, 'usd', 1250n, 2],
    ['12.500', 'USD', 1250n, 2],
    [0.000153, 'btc', 15300n, 8],
    [1e-7, 'BTC', 10n, 8],
    ['1e-7', 'eth', 100_000_000_000n, 18],
    [49.71, 'usdttrc20', 49_710_000n, 6],
    [15, 'trx', 15_000_000n, 6],
    ['0.000000000000000001', 'ETH', 1n, 18],
  ] as const)('%s %s → %s minor units', (input, currency, amount, decimals) => {
    expect(parseMoney(input, currency)).toEqual({ amount, currency: currency.toUpperCase(), decimals });
  });

  it('refuses more decimal places than the currency has, naming them', () => {
    expect(() => parseMoney('12.505', 'USD')).toThrow('12.505 has more than 2 decimal places for USD');
    expect(() => parseMoney(1e-9, 'BTC')).toThrow('0.000000001 has more than 8 decimal places for BTC');
    expect(kindOf(() => parseMoney(1131.7812095, 'trx'))).toBe('validation');
  });

  it("truncates toward zero only when asked ('truncate')", () => {
    expect(parseMoney(1131.7812095, 'trx', { rounding: 'truncate' })).toEqual(money(1_131_781_209n, 'TRX'));
    expect(parseMoney('-0.019', 'USD', { rounding: 'truncate' })).toEqual(money(-1n, 'USD'));
    expect(kindOf(() => parseMoney('12.505', 'USD', { rounding: 'exact' }))).toBe('validation');
  });

  it('refuses an unknown currency, naming it', () => {
    expect(() => parseMoney('1', 'dogecoin-classic')).toThrow('unknown currency "dogecoin-classic"');
    expect(kindOf(() => parseMoney('1', 'XYZ'))).toBe('validation');
  });

  it('formats with exactly the currency decimals', () => {
    expect(formatMoney(money(1250n, 'USD'))).toBe('12.50');
    expect(formatMoney(money(5n, 'USD'))).toBe('0.05');
    expect(formatMoney(money(-5n, 'USD'))).toBe('-0.05');
    expect(formatMoney(money(0n, 'BTC'))).toBe('0.00000000');
    expect(formatMoney(money(1n, 'ETH'))).toBe('0.000000000000000001');
  });
});

const codes = [...CURRENCIES.keys()];

describe('money properties', () => {
  it('parse(format(m)) = m for every registered currency and amount', () => {
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (code, amount) => {
        const m = money(amount, code);
        expect(parseMoney(formatMoney(m), code)).toEqual(m);
        expect(parseMoney(formatMoney(m).toLowerCase(), code.toLowerCase())).toEqual(m);
      }),
    );
  });

  it('a JS number with at most `decimals` places parses to exactly its digits', () => {
    fc.assert(
      // ≤ 15 significant digits: every such decimal survives JSON.parse as a double.
      fc.property(fc.constantFrom(...codes), fc.integer({ min: 0, max: 10 ** 15 - 1 }), fc.nat(15), (code, units, places) => {
        const { decimals } = money(0n, code);
        const scale = Math.min(places, decimals);
        const text = formatMoney({ amount: BigInt(units), currency: code, decimals: scale });
        const asNumber = Number(text); // what JSON.parse would hand over (test only)
        expect(parseMoney(asNumber, code).amount).toBe(BigInt(units) * 10n ** BigInt(decimals - scale));
      }),
    );
  });

  it('rejects an amount with one more significant digit than the currency has, in exact mode; truncate drops it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...codes),
        fc.bigInt({ min: 0n, max: 10n ** 20n }),
        fc.integer({ min: 1, max: 9 }),
        (code, minor, extra) => {
          const m = money(minor, code);
          const text = `${formatMoney(m)}${m.decimals === 0 ? '.' : ''}${extra}`;
          expect(kindOf(() => parseMoney(text, code))).toBe('validation');
          expect(parseMoney(text, code, { rounding: 'truncate' })).toEqual(m);
        },
      ),
    );
  });

  it('rejects a too-precise JSON number (e.g. 0.1 + 0.2) instead of rounding it', () => {
    expect(kindOf(() => parseMoney(0.1 + 0.2, 'USD'))).toBe('validation');
    expect(kindOf(() => parseMoney(0.1 + 0.2, 'BTC'))).toBe('validation');
    // ETH has 18 places, so the double's 17 shortest digits are an exact ETH amount.
    expect(parseMoney(0.1 + 0.2, 'ETH').amount).toBe(300_000_000_000_000_040n);
  });
});

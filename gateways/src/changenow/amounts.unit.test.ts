import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PayGateError } from '@paygate/domain';
import { amountTextToUnits, amountToMoney, compareAmounts, moneyToAmount, parseJsonKeepingNumberText } from './amounts.ts';

/** A random non-negative decimal: its digits as text and as (units, scale). */
const decimalArb = fc
  .record({ units: fc.bigInt({ min: 0n, max: 10n ** 27n }), scale: fc.integer({ min: 0, max: 24 }) })
  .map(({ units, scale }) => {
    const digits = units.toString().padStart(scale + 1, '0');
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return { units, scale, text };
  });

const floorTo = (units: bigint, scale: number, decimals: number) =>
  scale <= decimals ? units * 10n ** BigInt(decimals - scale) : units / 10n ** BigInt(scale - decimals);

describe('parseJsonKeepingNumberText', () => {
  it('keeps the digits a double would lose', () => {
    const parsed = parseJsonKeepingNumberText('{"toAmount":0.1234567890123456789,"big":123456789012345678901234,"tiny":1e-7,"s":"1.5","n":null,"a":[2]}');
    expect(parsed).toEqual({ toAmount: '0.1234567890123456789', big: '123456789012345678901234', tiny: '1e-7', s: '1.5', n: null, a: ['2'] });
  });

  it('returns any JSON number written by anyone as its exact text', () => {
    fc.assert(
      fc.property(decimalArb, ({ text }) => {
        expect(parseJsonKeepingNumberText(`{"amount":${text}}`)).toEqual({ amount: text });
      }),
    );
  });
});

describe('amountTextToUnits', () => {
  it('is exact where a double is not', () => {
    expect(amountTextToUnits('0.1234567890123456789', 18, 'down')).toBe(123456789012345678n);
    expect(amountTextToUnits('0.1234567890123456789', 18, 'up')).toBe(123456789012345679n);
    expect(amountTextToUnits('31.12541399', 6, 'down')).toBe(31125413n);
    expect(amountTextToUnits('1e-7', 18, 'down')).toBe(100000000000n);
    expect(amountTextToUnits('12', 6, 'down')).toBe(12000000n);
    expect(amountTextToUnits('0.00000001', 6, 'up')).toBe(1n);
    expect(amountTextToUnits('0.00000001', 6, 'down')).toBe(0n);
  });

  it('rounds extra digits down (or up when asked), and keeps every digit it can', () => {
    fc.assert(
      fc.property(decimalArb, fc.integer({ min: 0, max: 18 }), ({ units, scale, text }, decimals) => {
        const down = amountTextToUnits(text, decimals, 'down');
        const up = amountTextToUnits(text, decimals, 'up');
        expect(down).toBe(floorTo(units, scale, decimals));
        // down ≤ value ≤ up, and they differ only when digits were dropped.
        const exact = scale <= decimals || units % 10n ** BigInt(scale - decimals) === 0n;
        expect(up).toBe(exact ? down : down + 1n);
      }),
    );
  });

  it('refuses negative and malformed amounts', () => {
    for (const bad of ['-1', 'abc', '1,5', '', '0x10']) {
      expect(() => amountTextToUnits(bad, 6, 'down')).toThrow(PayGateError);
    }
  });
});

describe('Money ↔ ChangeNOW amounts', () => {
  it('sends the shortest plain decimal', () => {
    expect(moneyToAmount({ amount: 50_000_000_000_000_000n, currency: 'ETH', decimals: 18 })).toBe('0.05');
    expect(moneyToAmount({ amount: 1n, currency: 'ETH', decimals: 18 })).toBe('0.000000000000000001');
    expect(moneyToAmount({ amount: 12_000_000n, currency: 'USDTERC20', decimals: 6 })).toBe('12');
  });

  it('round-trips any amount of a registry currency', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.constantFrom('ETH', 'USDTERC20', 'USDTBSC', 'BNBBSC'), (amount, currency) => {
        const money = amountToMoney('0', currency);
        const value = { ...money, amount };
        expect(amountToMoney(moneyToAmount(value), currency)).toEqual(value);
      }),
    );
  });

  it('reads an amount into registry Money, rounded down by default', () => {
    expect(amountToMoney('31.12541399', 'usdterc20')).toEqual({ amount: 31125413n, currency: 'USDTERC20', decimals: 6 });
    expect(amountToMoney('31.12541399', 'USDTERC20', 'up')).toEqual({ amount: 31125414n, currency: 'USDTERC20', decimals: 6 });
  });

  it('compares amounts exactly', () => {
    expect(compareAmounts('0.1', '0.10')).toBe(0);
    expect(compareAmounts('0.00160228', '0.00160229')).toBe(-1);
    expect(compareAmounts('2', '1.999999999999999999999')).toBe(1);
  });
});

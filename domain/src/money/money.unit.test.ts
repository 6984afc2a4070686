import { describe, expect, it } from 'vitest';
import { addMoney, compareMoney, money, moneyEquals, subtractMoney, zeroMoney } from './money.ts';
import { currencyInfo, isKnownCurrency } from './currencies.ts';

const usd = (cents: bigint) => money(cents, 'USD');

describe('money arithmetic', () => {
  it('adds, subtracts and compares in one currency', () => {
    expect(addMoney(usd(1250n), usd(5n))).toEqual(usd(1255n));
    expect(subtractMoney(usd(5n), usd(1250n))).toEqual(usd(-1245n));
    expect(compareMoney(usd(1n), usd(2n))).toBe(-1);
    expect(compareMoney(usd(2n), usd(2n))).toBe(0);
    expect(compareMoney(usd(3n), usd(2n))).toBe(1);
    expect(zeroMoney('btc')).toEqual({ amount: 0n, currency: 'BTC', decimals: 8 });
  });

  it('refuses to mix currencies (or the same code with other decimals)', () => {
    expect(() => addMoney(usd(1n), money(1n, 'USDT'))).toThrow('cannot add USD and USDT');
    expect(() => subtractMoney(usd(1n), money(1n, 'BTC'))).toThrow('cannot subtract USD and BTC');
    expect(() => compareMoney(usd(1n), { amount: 1n, currency: 'USD', decimals: 3 })).toThrow('cannot compare');
    expect(moneyEquals(usd(1n), money(1n, 'USDT'))).toBe(false);
    expect(moneyEquals(usd(1n), usd(1n))).toBe(true);
  });
});

describe('currency registry', () => {
  it('knows the decimals of the documented currencies, in any case', () => {
    expect(currencyInfo('usd').decimals).toBe(2);
    expect(currencyInfo('usdttrc20').decimals).toBe(6);
    expect(currencyInfo('usdterc20').decimals).toBe(6);
    expect(currencyInfo('usdcerc20').decimals).toBe(6);
    expect(currencyInfo('BTC').decimals).toBe(8);
    expect(currencyInfo('eth').decimals).toBe(18);
    expect(currencyInfo('ltc').decimals).toBe(8);
    expect(currencyInfo('trx').decimals).toBe(6);
    expect(currencyInfo('sol').decimals).toBe(9);
    expect(isKnownCurrency('Usdt')).toBe(true);
    expect(isKnownCurrency('xyz')).toBe(false);
  });

  it('names an unknown currency in a validation error', () => {
    expect(() => currencyInfo('xyz')).toThrow(expect.objectContaining({ kind: 'validation', message: 'unknown currency "xyz"' }));
  });
});

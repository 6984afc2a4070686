import { describe, expect, it } from 'vitest';
import { isKnownCurrency, PayGateError } from '@paygate/domain';
import { CHANGENOW_CURRENCIES, fromChangeNowCurrency, toChangeNowCurrency } from './currency-map.ts';

describe('ChangeNOW currency map', () => {
  it.each([
    ['ETH', 'eth', 'eth'],
    ['USDTERC20', 'usdt', 'eth'],
    ['USDCERC20', 'usdc', 'eth'],
    ['USDTMATIC', 'usdt', 'matic'],
    ['USDCMATIC', 'usdc', 'matic'],
    ['BNBBSC', 'bnb', 'bsc'],
    ['USDTBSC', 'usdt', 'bsc'],
  ])('maps %s to %s on %s and back', (code, ticker, network) => {
    expect(toChangeNowCurrency(code)).toEqual({ ticker, network });
    expect(toChangeNowCurrency(code.toLowerCase())).toEqual({ ticker, network });
    expect(fromChangeNowCurrency(ticker, network)).toBe(code);
    expect(fromChangeNowCurrency(ticker.toUpperCase(), network.toUpperCase())).toBe(code);
  });

  it('maps only registry currencies, each pair once', () => {
    for (const code of CHANGENOW_CURRENCIES.keys()) expect(isKnownCurrency(code)).toBe(true);
    const pairs = [...CHANGENOW_CURRENCIES.values()].map((p) => `${p.ticker}/${p.network}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('refuses a code it does not map as a validation error', () => {
    for (const code of ['BTC', 'USDTTRC20', 'XYZ', '']) {
      expect(() => toChangeNowCurrency(code)).toThrow(PayGateError);
      try {
        toChangeNowCurrency(code);
      } catch (error) {
        expect((error as PayGateError).kind).toBe('validation');
      }
    }
  });

  it('answers undefined for a pair it does not map', () => {
    expect(fromChangeNowCurrency('usdt', 'trx')).toBeUndefined();
    expect(fromChangeNowCurrency('btc', 'btc')).toBeUndefined();
  });
});

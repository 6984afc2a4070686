import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareAmounts } from '../amounts.ts';
import { createMarket, DEFAULT_USD_RATES } from './market.ts';

const market = createMarket({ usdRates: DEFAULT_USD_RATES, standardFeeBps: 50, fixedFeeBps: 100, minAmountUsd: '5' });
const find = (ticker: string, network?: string) => market.find(ticker, network)!;

describe('simulator market', () => {
  it('trades every mapped pair that has a price', () => {
    expect(market.currencies.map((c) => c.code).sort()).toEqual(['BNBBSC', 'ETH', 'USDCERC20', 'USDCMATIC', 'USDTBSC', 'USDTERC20', 'USDTMATIC']);
    expect(find('usdt').code).toBe('USDTERC20'); // no network: its first listed chain
    expect(find('bnb').code).toBe('BNBBSC');
    expect(market.find('usdt', 'trx')).toBeUndefined();
  });

  it('prices exactly, fixed below standard, rounded down to 8 digits', () => {
    expect(market.convert('1', find('eth'), find('usdt', 'eth'), 'standard')).toBe('3104.94725');
    expect(market.convert('1', find('eth'), find('usdt', 'eth'), 'fixed-rate')).toBe('3089.3445');
    expect(market.convert('100', find('usdt', 'bsc'), find('bnb'), 'fixed-rate')).toBe('0.16779661'); // 99 / 590 = 0.167796610…
    expect(market.minAmount(find('eth'))).toBe('0.00160229');
    expect(market.minAmount(find('bnb'))).toBe('0.00847458');
  });

  it('never quotes fixed above standard', () => {
    const tickers = market.currencies;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 9 }), fc.constantFrom(...tickers), fc.constantFrom(...tickers), (cents, from, to) => {
        const amount = `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`; // exact: integer cents
        expect(compareAmounts(market.convert(amount, from, to, 'fixed-rate'), market.convert(amount, from, to, 'standard'))).toBeLessThanOrEqual(0);
      }),
    );
  });
});

/**
 * The simulator's market: which (ticker, network) pairs it trades, at fixed illustrative USD
 * rates, and its exact pricing. A standard estimate is the market minus `standardFeeBps`, a
 * fixed-rate quote the market minus the larger `fixedFeeBps` (the price of the guarantee), both
 * rounded down to QUOTE_DECIMALS like ChangeNOW's 8-digit amounts. All bigint, no float.
 */
import { currencyInfo, decimalOf, formatDecimal, parseDecimal, PayGateError } from '@paygate/domain';
import { CHANGENOW_CURRENCIES } from '../currency-map.ts';

export const QUOTE_DECIMALS = 8;

/** Illustrative USD prices per ChangeNOW ticker. */
export const DEFAULT_USD_RATES: Readonly<Record<string, string>> = { eth: '3120.55', usdt: '1', usdc: '1', bnb: '590' };

export type SandboxCurrency = {
  readonly code: string; // registry code
  readonly ticker: string;
  readonly network: string;
  readonly decimals: number;
  readonly name: string;
  readonly usdRate: string;
};

export type Flow = 'standard' | 'fixed-rate';

export type MarketOptions = {
  readonly usdRates: Readonly<Record<string, string>>;
  readonly standardFeeBps: number;
  readonly fixedFeeBps: number;
  readonly minAmountUsd: string;
};

export type Market = {
  readonly currencies: readonly SandboxCurrency[];
  /** The pair for `ticker` on `network`; without a network, the ticker's own chain (eth on eth) or its first listed one. */
  find(ticker: string, network?: string): SandboxCurrency | undefined;
  /** What `fromAmount` of `from` buys of `to` in `flow`, rounded down. */
  convert(fromAmount: string, from: SandboxCurrency, to: SandboxCurrency, flow: Flow): string;
  /** The smallest `from` amount accepted: minAmountUsd worth, rounded up. */
  minAmount(from: SandboxCurrency): string;
};

const positive = (name: string, text: string) => {
  const decimal = parseDecimal(text);
  if (decimal.units <= 0n) throw new PayGateError('validation', `${name} must be positive`, { name });
  return decimal;
};

const pow10 = (n: number) => 10n ** BigInt(n);

const divide = (numerator: bigint, denominator: bigint, up: boolean): bigint => {
  const quotient = numerator / denominator;
  return up && quotient * denominator !== numerator ? quotient + 1n : quotient;
};

export const createMarket = (options: MarketOptions): Market => {
  for (const [name, bps] of [['standardFeeBps', options.standardFeeBps], ['fixedFeeBps', options.fixedFeeBps]] as const) {
    if (!Number.isSafeInteger(bps) || bps < 0 || bps >= 10_000) throw new PayGateError('validation', `${name} must be 0…9999`);
  }
  const minUsd = positive('minAmountUsd', options.minAmountUsd);
  const currencies: SandboxCurrency[] = [];
  for (const [code, pair] of CHANGENOW_CURRENCIES) {
    const usdRate = options.usdRates[pair.ticker];
    if (usdRate === undefined) continue; // not priced: not traded
    positive(`usd rate of ${pair.ticker}`, usdRate);
    const info = currencyInfo(code);
    currencies.push({ code, ...pair, decimals: info.decimals, name: info.name, usdRate });
  }

  const find = (ticker: string, network?: string) => {
    const t = ticker.toLowerCase();
    const candidates = currencies.filter((c) => c.ticker === t);
    if (network !== undefined) return candidates.find((c) => c.network === network.toLowerCase());
    return candidates.find((c) => c.network === t) ?? candidates[0];
  };

  const convert = (fromAmount: string, from: SandboxCurrency, to: SandboxCurrency, flow: Flow): string => {
    // to = amount × rateFrom / rateTo × (10000 − fee) / 10000, scaled to QUOTE_DECIMALS.
    const amount = parseDecimal(fromAmount);
    const rateFrom = parseDecimal(from.usdRate);
    const rateTo = parseDecimal(to.usdRate);
    const fee = BigInt(flow === 'fixed-rate' ? options.fixedFeeBps : options.standardFeeBps);
    const numerator = amount.units * rateFrom.units * (10_000n - fee) * pow10(rateTo.scale + QUOTE_DECIMALS);
    const denominator = pow10(amount.scale + rateFrom.scale) * rateTo.units * 10_000n;
    return formatDecimal(decimalOf(divide(numerator, denominator, false), QUOTE_DECIMALS));
  };

  const minAmount = (from: SandboxCurrency): string => {
    const rate = parseDecimal(from.usdRate);
    const numerator = minUsd.units * pow10(rate.scale + QUOTE_DECIMALS);
    const denominator = pow10(minUsd.scale) * rate.units;
    return formatDecimal(decimalOf(divide(numerator, denominator, true), QUOTE_DECIMALS));
  };

  return { currencies, find, convert, minAmount };
};

/**
 * Money-registry codes ↔ ChangeNOW's (ticker, network) pairs. ChangeNOW names a currency by
 * both (usdt on eth ≠ usdt on bsc); our registry folds the network into the code. Only the
 * payout currencies are listed: any other code is refused rather than guessed.
 */
import { currencyInfo, normalizeCurrencyCode, PayGateError } from '@paygate/domain';

export type ChangeNowCurrency = { readonly ticker: string; readonly network: string };

export const CHANGENOW_CURRENCIES: ReadonlyMap<string, ChangeNowCurrency> = new Map([
  ['ETH', { ticker: 'eth', network: 'eth' }],
  ['USDTERC20', { ticker: 'usdt', network: 'eth' }],
  ['USDCERC20', { ticker: 'usdc', network: 'eth' }],
  ['USDTMATIC', { ticker: 'usdt', network: 'matic' }],
  ['USDCMATIC', { ticker: 'usdc', network: 'matic' }],
  ['BNBBSC', { ticker: 'bnb', network: 'bsc' }],
  ['USDTBSC', { ticker: 'usdt', network: 'bsc' }],
]);

// Every mapped code must be a registry currency: its decimals make amounts exact.
for (const code of CHANGENOW_CURRENCIES.keys()) currencyInfo(code);

/** ChangeNOW's pair for a registry code (any case); PayGateError('validation') for any other. */
export const toChangeNowCurrency = (code: string): ChangeNowCurrency => {
  const mapped = CHANGENOW_CURRENCIES.get(normalizeCurrencyCode(code));
  if (!mapped) {
    const shown = code.slice(0, 32);
    throw new PayGateError('validation', `currency ${JSON.stringify(shown)} is not exchanged through ChangeNOW`, { currency: shown });
  }
  return mapped;
};

/** The registry code of ChangeNOW's (ticker, network), compared case-insensitively; undefined when it is not one we map. */
export const fromChangeNowCurrency = (ticker: string, network: string): string | undefined => {
  const t = ticker.toLowerCase();
  const n = network.toLowerCase();
  for (const [code, pair] of CHANGENOW_CURRENCIES) if (pair.ticker === t && pair.network === n) return code;
  return undefined;
};

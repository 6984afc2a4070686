import { PayGateError } from '../errors/index.ts';

/**
 * The currencies PayGate can turn into exact Money, with the number of decimals of the smallest
 * unit PayGate counts. For crypto that is the chain's own smallest unit (satoshi, wei, sun, …),
 * so an amount in Money can really be moved on chain. Codes are NOWPayments' tickers, upper-cased;
 * a token on several networks has one code per network (USDTTRC20, USDTERC20, …) because the
 * networks are not interchangeable (and differ in decimals: USDT on BSC has 18).
 *
 * Deliberately small: an amount in a currency not listed here is refused with an error naming it,
 * never guessed. Add a line (with its on-chain decimals) when the platform enables a currency.
 */
export type CurrencyInfo = { readonly code: string; readonly decimals: number; readonly name: string };

const entries: readonly CurrencyInfo[] = [
  // Fiat: tier prices are in USD cents.
  { code: 'USD', decimals: 2, name: 'US dollar' },
  // Native coins.
  { code: 'BTC', decimals: 8, name: 'Bitcoin' },
  { code: 'ETH', decimals: 18, name: 'Ether' },
  { code: 'LTC', decimals: 8, name: 'Litecoin' },
  { code: 'TRX', decimals: 6, name: 'Tron' },
  { code: 'SOL', decimals: 9, name: 'Solana' },
  { code: 'DOGE', decimals: 8, name: 'Dogecoin' },
  { code: 'BNBBSC', decimals: 18, name: 'BNB (BNB Smart Chain)' },
  // Stablecoins, per network.
  { code: 'USDT', decimals: 6, name: 'Tether (generic)' },
  { code: 'USDTTRC20', decimals: 6, name: 'Tether on Tron' },
  { code: 'USDTERC20', decimals: 6, name: 'Tether on Ethereum' },
  { code: 'USDTSOL', decimals: 6, name: 'Tether on Solana' },
  { code: 'USDTMATIC', decimals: 6, name: 'Tether on Polygon' },
  { code: 'USDTBSC', decimals: 18, name: 'Tether on BNB Smart Chain' },
  { code: 'USDC', decimals: 6, name: 'USD Coin (generic)' },
  { code: 'USDCERC20', decimals: 6, name: 'USD Coin on Ethereum' },
  { code: 'USDCSOL', decimals: 6, name: 'USD Coin on Solana' },
  { code: 'USDCMATIC', decimals: 6, name: 'USD Coin on Polygon' },
  // ERC-20 that NOWPayments' own IPN examples pay in; kept so those examples parse.
  { code: 'MANA', decimals: 18, name: 'Decentraland (ERC-20)' },
];

export const CURRENCIES: ReadonlyMap<string, CurrencyInfo> = new Map(entries.map((entry) => [entry.code, entry]));

/** Upper-cased code; NOWPayments writes tickers in lower case ("usdttrc20"). */
export const normalizeCurrencyCode = (code: string): string => code.trim().toUpperCase();

export const isKnownCurrency = (code: string): boolean => CURRENCIES.has(normalizeCurrencyCode(code));

/** The registry entry for `code` (any case), or PayGateError('validation') naming the unknown code. */
export const currencyInfo = (code: string): CurrencyInfo => {
  const info = CURRENCIES.get(normalizeCurrencyCode(code));
  if (!info) {
    const shown = code.slice(0, 32);
    throw new PayGateError('validation', `unknown currency ${JSON.stringify(shown)}`, { currency: shown });
  }
  return info;
};

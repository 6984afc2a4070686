/**
 * The sandbox's small world of currencies: fixed USD rates (decimal strings) and the number of
 * decimals NOWPayments quotes each coin with. Rates are illustrative, not live.
 */
import { createHash } from 'node:crypto';

export type SandboxCoin = {
  readonly code: string; // NOWPayments ticker, lowercase
  readonly decimals: number;
  readonly usdRate: string; // USD per 1 unit
  readonly address: (seed: string) => string;
};

const digest = (seed: string): Buffer => createHash('sha256').update(seed).digest();

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const pick = (alphabet: string, seed: string, length: number): string =>
  [...digest(seed)]
    .concat([...digest(`${seed}/2`)])
    .slice(0, length)
    .map((byte) => alphabet[byte % alphabet.length])
    .join('');

const tron = (seed: string) => `T${pick(BASE58, seed, 33)}`;
const evm = (seed: string) => `0x${digest(seed).subarray(0, 20).toString('hex')}`;

export const SANDBOX_COINS: Readonly<Record<string, SandboxCoin>> = {
  usdttrc20: { code: 'usdttrc20', decimals: 6, usdRate: '0.9998', address: tron },
  usdterc20: { code: 'usdterc20', decimals: 6, usdRate: '0.9998', address: evm },
  trx: { code: 'trx', decimals: 6, usdRate: '0.1195', address: tron },
  btc: { code: 'btc', decimals: 8, usdRate: '64250.12', address: (seed) => `bc1q${pick(BECH32, seed, 38)}` },
  eth: { code: 'eth', decimals: 8, usdRate: '3120.55', address: evm },
  ltc: { code: 'ltc', decimals: 8, usdRate: '82.41', address: (seed) => `ltc1q${pick(BECH32, seed, 38)}` },
};

/** USD per 1 unit of the fiat currencies an invoice may be priced in. */
export const SANDBOX_FIAT_USD_RATES: Readonly<Record<string, string>> = { usd: '1', eur: '1.08', gbp: '1.27' };

/** USD per unit of any price currency the sandbox knows (fiat or coin). */
export const usdRateOf = (currency: string): string | undefined =>
  SANDBOX_FIAT_USD_RATES[currency] ?? SANDBOX_COINS[currency]?.usdRate;

export const coinOf = (code: string): SandboxCoin | undefined => SANDBOX_COINS[code];

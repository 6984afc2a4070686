import { PayGateError } from '../errors/index.ts';
import type { Money } from '../money/index.ts';

/**
 * When an owner's balance may leave, as the payout side read it from the channel's settings:
 * - `blocked`: no payout now (no wallet in force, payouts held, a previous owner's wallet);
 * - `instant`: any positive balance leaves at once;
 * - `threshold`: the balance leaves once it is worth `threshold` (USD). A USD stable coin is
 *   counted one unit for one dollar; any other currency needs `balanceInUsd`, a market estimate
 *   the caller made for this balance (without one the balance waits).
 */
export type PayoutRelease =
  | { readonly kind: 'blocked'; readonly reason: string }
  | { readonly kind: 'instant' }
  | { readonly kind: 'threshold'; readonly threshold: Money; readonly balanceInUsd?: Money };

export type ReleaseVerdict = { readonly release: false } | { readonly release: true; readonly threshold?: Money };

/** Stable coins the threshold counts one unit for one dollar (scaled to their decimals). */
export const isUsdStableCoin = (currency: string): boolean => /^(USDT|USDC)/.test(currency);

/** `usd` (cents) in units of `currency` with `decimals`, rounded up: a threshold is reached only when fully there. */
const usdInUnits = (usd: Money, decimals: number): bigint => {
  const scale = decimals - usd.decimals;
  if (scale >= 0) return usd.amount * 10n ** BigInt(scale);
  const divisor = 10n ** BigInt(-scale);
  return (usd.amount + divisor - 1n) / divisor;
};

export const payoutRelease = (release: PayoutRelease, balance: Money): ReleaseVerdict => {
  if (balance.amount <= 0n || release.kind === 'blocked') return { release: false };
  if (release.kind === 'instant') return { release: true };
  const { threshold, balanceInUsd } = release;
  if (threshold.currency !== 'USD') throw new PayGateError('validation', 'the threshold is in USD');
  if (isUsdStableCoin(balance.currency)) {
    return balance.amount >= usdInUnits(threshold, balance.decimals) ? { release: true, threshold } : { release: false };
  }
  if (balanceInUsd === undefined || balanceInUsd.currency !== 'USD') return { release: false };
  return balanceInUsd.amount >= threshold.amount ? { release: true, threshold } : { release: false };
};

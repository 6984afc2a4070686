import { isUsdStableCoin, type ChannelPayoutSettings, type Money, type PayoutExchange, type PayoutRelease } from '@paygate/domain';

/** The stable coin a balance in another currency is valued in for a threshold (one unit, one dollar). */
const VALUATION_COIN = 'USDTERC20';

/** USD cents from units of a USD stable coin, rounded down: a threshold counts only what is there. */
const stableToUsd = (stable: Money): Money => {
  const scale = stable.decimals - 2;
  const amount = scale >= 0 ? stable.amount / 10n ** BigInt(scale) : stable.amount * 10n ** BigInt(-scale);
  return { amount, currency: 'USD', decimals: 2 };
};

/**
 * When the channel's balance may leave, from the settings in force now: blocked (no wallet, a
 * previous owner's wallet, payouts held), instant (the default once a wallet is set), or the
 * owner's threshold — valued at ChangeNOW's market estimate when the balance is not a stable coin.
 */
export const releaseRule = async (settings: ChannelPayoutSettings, balance: Money | null, exchange: Pick<PayoutExchange, 'estimateStandard'>): Promise<PayoutRelease> => {
  if (settings.blockedBy !== null) return { kind: 'blocked', reason: settings.blockedBy };
  const strategy = settings.strategy ?? { strategy: 'instant' as const };
  if (strategy.strategy === 'instant') return { kind: 'instant' };
  if (balance === null || balance.amount <= 0n || isUsdStableCoin(balance.currency)) return { kind: 'threshold', threshold: strategy.threshold };
  const value = await exchange.estimateStandard(balance, VALUATION_COIN);
  return { kind: 'threshold', threshold: strategy.threshold, balanceInUsd: stableToUsd(value) };
};

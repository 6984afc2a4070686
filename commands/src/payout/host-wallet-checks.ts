import type { HostChain, Money, PAYOUT_HOLD_REASONS } from '@paygate/domain';

export type FundsShortage = { reason: (typeof PAYOUT_HOLD_REASONS)[number]; detail: string };

/** The native coin every EVM transfer pays its gas in. */
const NATIVE = 'ETH';

/**
 * Whether the host wallet can send `amount` now, gas included. Checked before a nonce is taken and
 * a transfer signed: a payout the wallet cannot fund is held whole, never half-sent.
 */
export const fundsShortage = async (chain: HostChain, amount: Money): Promise<FundsShortage | null> => {
  const [held, native, gas] = await Promise.all([chain.balanceOf(amount.currency), chain.balanceOf(NATIVE), chain.maxTransferCost(amount.currency)]);
  if (held < amount.amount) {
    return { reason: 'insufficient_balance', detail: `the host wallet holds ${held} ${amount.currency} units, the payout needs ${amount.amount}` };
  }
  const needed = gas + (amount.currency === NATIVE ? amount.amount : 0n);
  if (native < needed) return { reason: 'insufficient_gas', detail: `the host wallet holds ${native} wei, the transfer needs up to ${needed} with gas` };
  return null;
};

import type { ChannelState, PayoutsHold } from '../channel/channel-state.ts';
import {
  settlePayoutSettings,
  type OwnedPayoutWallet,
  type PayoutSettingsState,
  type PayoutStrategy,
  type PendingWalletChange,
} from './payout-settings-state.ts';

/** The settings payouts read at `now`. */
export type EffectivePayoutSettings = {
  /** Where payouts go now: the old wallet until a change's `effectiveAt`, the new one from then; never a cancelled one. */
  readonly wallet: OwnedPayoutWallet | null;
  /** A requested change not in effect yet (the owner can still cancel it). */
  readonly pendingChange: PendingWalletChange | null;
  readonly strategy: PayoutStrategy | null;
};

export const effectivePayoutSettings = (state: PayoutSettingsState, now: Date): EffectivePayoutSettings => {
  const settled = settlePayoutSettings(state, now.toISOString());
  return { wallet: settled.wallet, pendingChange: settled.pendingChange, strategy: settled.strategy };
};

/** Why no payout may go out for the channel now; null when one may. */
export type PayoutBlock = 'channel_not_registered' | 'payouts_held' | 'no_wallet' | 'wallet_of_previous_owner';

export type ChannelPayoutSettings = EffectivePayoutSettings & {
  readonly channelId: string;
  readonly ownerId: string | null;
  readonly payoutsHeld: PayoutsHold | null;
  readonly blockedBy: PayoutBlock | null;
};

/**
 * What the payout side reads before paying a channel's owner: the effective settings beside the
 * channel's owner and hold. A wallet set by a previous owner (before the creator claimed the
 * channel) is never paid: the new owner's money waits until a wallet they set is in effect.
 */
export const channelPayoutSettings = (channelId: string, channel: ChannelState, settings: PayoutSettingsState, now: Date): ChannelPayoutSettings => {
  const effective = effectivePayoutSettings(settings, now);
  if (channel.status !== 'registered') return { ...effective, channelId, ownerId: null, payoutsHeld: null, blockedBy: 'channel_not_registered' };
  const { ownerId, payoutsHeld } = channel;
  const blockedBy: PayoutBlock | null =
    payoutsHeld !== null ? 'payouts_held' : effective.wallet === null ? 'no_wallet' : effective.wallet.ownerId !== ownerId ? 'wallet_of_previous_owner' : null;
  return { ...effective, channelId, ownerId, payoutsHeld, blockedBy };
};

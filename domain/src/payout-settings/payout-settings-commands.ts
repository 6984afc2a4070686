import type { DomainCommand } from '../decider/decider.ts';
import type { Money } from '../money/index.ts';

/** Who owns the channel, as the handler read it from `channel-<id>`; null when it is not registered. */
export type ChannelOwnership = { readonly channelId: string; readonly ownerId: string } | null;

/** The default hold on a wallet change (PAYOUT_WALLET_HOLD_HOURS, 48 h). */
export const DEFAULT_WALLET_HOLD_SECONDS = 48 * 3600;
/** At most 30 days, like PAYOUT_WALLET_HOLD_HOURS. */
export const MAX_WALLET_HOLD_SECONDS = 720 * 3600;

export type SetPayoutWallet = DomainCommand<
  'SetPayoutWallet',
  {
    channel: ChannelOwnership;
    channelId: string;
    requestedBy: string;
    address: string;
    network: string;
    currency: string;
    setAt: string;
    /** How long a change of an existing wallet stays pending (0: at once). */
    holdSeconds: number;
  }
>;

export type CancelPayoutWalletChange = DomainCommand<
  'CancelPayoutWalletChange',
  { channel: ChannelOwnership; channelId: string; requestedBy: string; changeNumber: number; cancelledAt: string }
>;

export type ChoosePayoutStrategy = DomainCommand<
  'ChoosePayoutStrategy',
  { channel: ChannelOwnership; channelId: string; requestedBy: string; strategy: 'instant' | 'threshold'; threshold?: Money; chosenAt: string }
>;

export type PayoutSettingsCommand = SetPayoutWallet | CancelPayoutWalletChange | ChoosePayoutStrategy;

import type { DomainCommand } from '../decider/decider.ts';
import type { Money } from '../money/index.ts';

/** Who owns the channel, as the handler read it from `channel-<id>`; null when it is not registered. */
export type ChannelOwnership = { readonly channelId: string; readonly ownerId: string } | null;

export type SetPayoutWallet = DomainCommand<
  'SetPayoutWallet',
  { channel: ChannelOwnership; channelId: string; requestedBy: string; address: string; network: string; currency: string; setAt: string }
>;

export type ChoosePayoutStrategy = DomainCommand<
  'ChoosePayoutStrategy',
  { channel: ChannelOwnership; channelId: string; requestedBy: string; strategy: 'instant' | 'threshold'; threshold?: Money; chosenAt: string }
>;

export type PayoutSettingsCommand = SetPayoutWallet | ChoosePayoutStrategy;

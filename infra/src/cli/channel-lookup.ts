import { loadChannel } from '@paygate/commands';
import { findTierByName } from '@paygate/bot';
import type { ChannelState, EventStore, Tier } from '@paygate/domain';
import { UsageError } from './usage-error.ts';

export type RegisteredChannel = Extract<ChannelState, { status: 'registered' }>;

/** The channel an option names, from its stream; an unknown one is the caller's mistake (exit 2). */
export const registeredChannel = async (eventStore: EventStore, channelId: string, command: string): Promise<RegisteredChannel> => {
  const channel = await loadChannel(eventStore, channelId);
  if (channel.status !== 'registered') throw new UsageError(`unknown channel "${channelId}": no channel with that id is registered`, command);
  return channel;
};

/** A tier by id or by name (case-insensitive), as the bot finds one; live tiers before retired ones. */
export const findTier = (channel: RegisteredChannel, text: string): Tier | undefined => findTierByName([...channel.tiers.values()], text);

const listTiers = (channel: RegisteredChannel): string => {
  const live = [...channel.tiers.values()].filter((tier) => !tier.retired);
  return live.length === 0 ? 'it has no tiers yet' : `its tiers: ${live.map((tier) => `${tier.tierId} ("${tier.name}")`).join(', ')}`;
};

/** The tier `--tier` names, by id or name; an unknown one is named with the tiers there are. */
export const requireTier = (channel: RegisteredChannel, text: string, command: string): Tier => {
  const tier = findTier(channel, text);
  if (!tier) throw new UsageError(`unknown tier "${text}" in channel ${channel.channelId}; ${listTiers(channel)}`, command);
  return tier;
};

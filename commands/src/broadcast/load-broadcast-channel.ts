import type { EventStore } from '@paygate/domain';
import { loadChannel } from '../channel/load-channel.ts';
import type { LoadBroadcastChannel } from './broadcast-ports.ts';

/** The channel from its own stream (the default LoadBroadcastChannel): ownership is checked against the owner of record, never a read model. */
export const broadcastChannelFromStream =
  (eventStore: EventStore): LoadBroadcastChannel =>
  async (channelId) => {
    const state = await loadChannel(eventStore, channelId);
    if (state.status !== 'registered') return undefined;
    const tiers = [...state.tiers.values()].map(({ tierId, name, retired }) => ({ tierId, name, retired }));
    return { channelId, ownerId: state.ownerId, title: state.title, tiers };
  };

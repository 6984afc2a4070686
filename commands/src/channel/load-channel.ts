import { channelDecider, channelStreamId, parseChannelEvent, type ChannelState, type EventStore } from '@paygate/domain';

/** The channel as its stream says now; every event is validated by its schema before it is folded. */
export const loadChannel = async (eventStore: EventStore, channelId: string): Promise<ChannelState> => {
  const recorded = await eventStore.readStream(channelStreamId(channelId));
  return recorded.reduce((state, event) => channelDecider.evolve(state, parseChannelEvent(event)), channelDecider.initialState);
};

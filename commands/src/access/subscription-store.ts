import {
  parseSubscriptionEvent,
  subscriptionDecider,
  subscriptionStreamId,
  type EventMetadata,
  type EventStore,
  type RecordedEvent,
  type SubscriptionCommand,
  type SubscriptionEvent,
  type SubscriptionState,
} from '@paygate/domain';
import { handleCommand } from '../command-handler/index.ts';
import { deterministicId } from '../ids/index.ts';

/** The subscription of one subscriber to one channel, as its stream says now (every event validated). */
export const loadSubscription = async (eventStore: EventStore, channelId: string, subscriberId: string): Promise<SubscriptionState> => {
  const recorded = await eventStore.readStream(subscriptionStreamId(channelId, subscriberId));
  return recorded.reduce((state, event) => subscriptionDecider.evolve(state, parseSubscriptionEvent(event)), subscriptionDecider.initialState);
};

/**
 * The id of a subscription event, from what makes it unique: a redelivered or repeated command
 * appends the very same ids, so the store treats it as the same append. Events recording two
 * different links for one invoice get different ids, so the second append meets a conflict
 * instead of passing as a repeat.
 */
export const subscriptionEventId = (streamId: string, event: SubscriptionEvent): string => {
  const { type, data } = event;
  switch (event.type) {
    case 'InviteLinkRequested':
      return deterministicId(streamId, type, event.data.invoiceId, event.data.claimId);
    case 'AccessGranted':
      return deterministicId(streamId, type, event.data.invoiceId, event.data.inviteLink);
    case 'SubscriptionStarted':
    case 'SubscriptionExtended':
      return deterministicId(streamId, type, event.data.invoiceId, event.data.endsAt);
    case 'InviteLinkSent':
      return deterministicId(streamId, type, event.data.invoiceId);
    case 'JoinRequestApproved':
    case 'JoinRequestDeclined':
    case 'MemberJoined':
    case 'IntruderRemoved':
      return deterministicId(streamId, type, event.data.inviteLink);
    case 'ExpiryReminderSent':
      return deterministicId(streamId, type, event.data.period, String(event.data.daysBefore));
    case 'AccessRevoked':
    case 'SubscriptionExpired':
    case 'ExpiryNoticeSent':
      return deterministicId(streamId, type, event.data.period);
    default:
      return deterministicId(streamId, type, JSON.stringify(data));
  }
};

export type SubscriptionCommandResult = { events: readonly SubscriptionEvent[]; state: SubscriptionState };

/** Metadata for events caused by `cause`: same correlation, causation = the cause's id, trace context kept. */
export const causedBy = (cause: RecordedEvent): EventMetadata => ({
  correlationId: typeof cause.metadata.correlationId === 'string' ? cause.metadata.correlationId : cause.id,
  causationId: cause.id,
  ...(typeof cause.metadata.traceparent === 'string' ? { traceparent: cause.metadata.traceparent } : {}),
});

/** Runs one subscription command (load, decide, append at the revision decided on) and returns the state after it. */
export const executeSubscriptionCommand = async (
  eventStore: EventStore,
  command: SubscriptionCommand,
  metadata: EventMetadata = {},
): Promise<SubscriptionCommandResult> => {
  const streamId = subscriptionStreamId(command.data.channelId, command.data.subscriberId);
  let decidedOn: SubscriptionState = subscriptionDecider.initialState;
  const { events } = await handleCommand<SubscriptionState, SubscriptionEvent>({
    eventStore,
    streamId,
    initialState: () => subscriptionDecider.initialState,
    evolve: (state, event) => subscriptionDecider.evolve(state, parseSubscriptionEvent(event)),
    decide: (state) => {
      decidedOn = state;
      return subscriptionDecider.decide(command, state);
    },
    eventId: (event) => subscriptionEventId(streamId, event),
    metadata,
  });
  return { events, state: events.reduce((state, event) => subscriptionDecider.evolve(state, event), decidedOn) };
};

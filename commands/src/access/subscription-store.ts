import {
  isPayGateError,
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

/** A subscription's state and the revision of its stream's last event (-1n: no stream yet). */
export type SubscriptionAt = { state: SubscriptionState; revision: bigint };

/** The subscription with its stream revision, so the next command can append without reading again. */
export const loadSubscriptionAt = async (eventStore: EventStore, channelId: string, subscriberId: string): Promise<SubscriptionAt> => {
  const recorded = await eventStore.readStream(subscriptionStreamId(channelId, subscriberId));
  const state = recorded.reduce((state, event) => subscriptionDecider.evolve(state, parseSubscriptionEvent(event)), subscriptionDecider.initialState);
  return { state, revision: recorded.at(-1)?.streamRevision ?? -1n };
};

/** The subscription of one subscriber to one channel, as its stream says now (every event validated). */
export const loadSubscription = async (eventStore: EventStore, channelId: string, subscriberId: string): Promise<SubscriptionState> =>
  (await loadSubscriptionAt(eventStore, channelId, subscriberId)).state;

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
    case 'SubscriptionRefunded':
      return deterministicId(streamId, type, event.data.invoiceId);
    default:
      return deterministicId(streamId, type, JSON.stringify(data));
  }
};

export type SubscriptionCommandResult = { events: readonly SubscriptionEvent[]; state: SubscriptionState; revision: bigint };

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
  const { events, revision } = await handleCommand<SubscriptionState, SubscriptionEvent>({
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
  return { events, state: events.reduce((state, event) => subscriptionDecider.evolve(state, event), decidedOn), revision };
};

/**
 * Runs a subscription command on a state already read (`known`): decide, append at its revision,
 * with no read before. Only a decision that appends is trusted to `known` (its expected revision
 * checks it): one that appends nothing or refuses, or an append that meets a conflict because the
 * stream moved on, is made again the ordinary way (read, decide, append). So the result is
 * executeSubscriptionCommand's, one round trip cheaper when nobody else wrote; same event ids.
 */
export const executeSubscriptionCommandOn = async (
  eventStore: EventStore,
  known: SubscriptionAt,
  command: SubscriptionCommand,
  metadata: EventMetadata = {},
): Promise<SubscriptionCommandResult> => {
  const streamId = subscriptionStreamId(command.data.channelId, command.data.subscriberId);
  let events: SubscriptionEvent[];
  try {
    events = subscriptionDecider.decide(command, known.state);
  } catch {
    return executeSubscriptionCommand(eventStore, command, metadata);
  }
  if (events.length === 0) return executeSubscriptionCommand(eventStore, command, metadata);
  try {
    const appended = await eventStore.append(
      streamId,
      events.map((event) => ({ id: subscriptionEventId(streamId, event), type: event.type, data: event.data, metadata })),
      { expectedRevision: known.revision < 0n ? 'no_stream' : known.revision },
    );
    const state = events.reduce((state, event) => subscriptionDecider.evolve(state, event), known.state);
    return { events, state, revision: appended.nextExpectedRevision };
  } catch (error) {
    if (!isPayGateError(error) || error.kind !== 'conflict') throw error;
    return executeSubscriptionCommand(eventStore, command, metadata);
  }
};

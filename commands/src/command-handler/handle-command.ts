import { randomUUID } from 'node:crypto';
import {
  isPayGateError,
  type DomainEvent,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type RecordedEvent,
} from '@paygate/domain';

export type CommandHandling<State, Event extends DomainEvent> = {
  eventStore: EventStore;
  streamId: string;
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  /** The pure decision; throws a PayGateError when the command breaks a rule. */
  decide: (state: State) => readonly Event[];
  /** Ids for the new events; deterministic ids make a redelivered command an idempotent append. */
  eventId?: (event: Event, index: number) => string;
  metadata?: EventMetadata;
  /** Attempts on an optimistic-concurrency conflict before the conflict is reported. */
  maxAttempts?: number;
};

export type CommandResult<Event> = {
  events: readonly Event[];
  /** Revision of the stream's last event after the command (-1n: the stream still does not exist). */
  revision: bigint;
};

const fold = <State, Event extends DomainEvent>(
  recorded: readonly RecordedEvent[],
  initial: State,
  evolve: (state: State, event: Event) => State,
): State => recorded.reduce((state, event) => evolve(state, { type: event.type, data: event.data } as Event), initial);

/**
 * Load the stream, decide, append with the revision the decision was made on. A conflict means
 * someone else appended in between: decide again on the fresh state (bounded), never merge blindly.
 */
export const handleCommand = async <State, Event extends DomainEvent>(
  handling: CommandHandling<State, Event>,
): Promise<CommandResult<Event>> => {
  const { eventStore, streamId, maxAttempts = 3 } = handling;
  for (let attempt = 1; ; attempt++) {
    const recorded = await eventStore.readStream(streamId);
    const state = fold(recorded, handling.initialState(), handling.evolve);
    const events = handling.decide(state);
    const current = recorded.at(-1)?.streamRevision ?? -1n;
    if (events.length === 0) return { events, revision: current };
    const expectedRevision: ExpectedRevision = current < 0n ? 'no_stream' : current;
    try {
      const result = await eventStore.append(
        streamId,
        events.map((event, index) => ({
          id: handling.eventId?.(event, index) ?? randomUUID(),
          type: event.type,
          data: event.data,
          metadata: handling.metadata ?? {},
        })),
        { expectedRevision },
      );
      return { events, revision: result.nextExpectedRevision };
    } catch (error) {
      if (isPayGateError(error) && error.kind === 'conflict' && attempt < maxAttempts) continue;
      throw error;
    }
  }
};

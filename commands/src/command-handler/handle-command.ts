import { randomUUID } from 'node:crypto';
import {
  isPayGateError,
  type DomainEvent,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
} from '@paygate/domain';
import type { CachedStream, StreamCache } from './stream-cache.ts';

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
  /** Decide on this process's last view of the stream instead of reading it first (see StreamCache). */
  cache?: StreamCache;
};

export type CommandResult<Event> = {
  events: readonly Event[];
  /** Revision of the stream's last event after the command (-1n: the stream still does not exist). */
  revision: bigint;
};

const fold = <State, Event extends DomainEvent>(
  recorded: CachedStream['events'],
  initial: State,
  evolve: (state: State, event: Event) => State,
): State => recorded.reduce((state, event) => evolve(state, { type: event.type, data: event.data } as Event), initial);

/**
 * Load the stream, decide, append with the revision the decision was made on. A conflict means
 * someone else appended in between: decide again on the fresh state (bounded), never merge blindly.
 * With a cache, only a decision that appends is trusted to the cached state (its expected
 * revision checks it); a decision that appends nothing or throws is made again on a fresh read
 * before it is returned, so a stale cache never answers "duplicate" or refuses on its own.
 * (A stream the cache does not know is read: taking it for new would let deterministic event ids
 * already further back in it pass as an idempotent success, reported as a fresh append.)
 */
export const handleCommand = async <State, Event extends DomainEvent>(
  handling: CommandHandling<State, Event>,
): Promise<CommandResult<Event>> => {
  const { eventStore, streamId, maxAttempts = 3, cache } = handling;
  let fresh = cache === undefined;
  for (let attempt = 1; ; attempt++) {
    const known = fresh ? undefined : cache?.get(streamId);
    const stream = known ?? (await read(eventStore, streamId, cache));
    const fromCache = known !== undefined;
    let events: readonly Event[];
    try {
      events = handling.decide(fold(stream.events, handling.initialState(), handling.evolve));
    } catch (error) {
      if (!fromCache) throw error;
      fresh = true;
      attempt--; // a re-read, not a conflict
      continue;
    }
    if (events.length === 0) {
      if (!fromCache) return { events, revision: stream.revision };
      fresh = true;
      attempt--;
      continue;
    }
    const expectedRevision: ExpectedRevision = stream.revision < 0n ? 'no_stream' : stream.revision;
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
      remember(cache, streamId, stream, events, result.nextExpectedRevision);
      return { events, revision: result.nextExpectedRevision };
    } catch (error) {
      cache?.forget(streamId);
      fresh = true;
      if (isPayGateError(error) && error.kind === 'conflict' && attempt < maxAttempts) continue;
      throw error;
    }
  }
};

const read = async (eventStore: EventStore, streamId: string, cache: StreamCache | undefined): Promise<CachedStream> => {
  const recorded = await eventStore.readStream(streamId);
  return cache ? cache.remember(streamId, recorded) : { events: recorded, revision: recorded.at(-1)?.streamRevision ?? -1n };
};

/** The stream after our append, unless the append was an idempotent repeat of events already further back. */
const remember = (cache: StreamCache | undefined, streamId: string, before: CachedStream, appended: readonly DomainEvent[], revision: bigint) => {
  if (!cache) return;
  if (revision !== before.revision + BigInt(appended.length)) return cache.forget(streamId);
  cache.set(streamId, { events: [...before.events, ...appended.map(({ type, data }) => ({ type, data }))], revision });
};

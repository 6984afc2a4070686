import {
  FORWARDS,
  KurrentDBClient,
  START,
  StreamNotFoundError,
  excludeSystemEvents,
  jsonEvent,
  type JSONType,
} from '@kurrent/kurrentdb-client';
import { PayGateError, validationError, type AllSubscription, type EventStore, type RecordedEvent } from '@paygate/domain';
import { normalizeExpectation, prepareAppend } from '@paygate/domain';
import { isAfter, toPayGateErrorFromKurrent, toRecordedEvent, toStreamState } from './kurrent-mapping.ts';
import { createKurrentSubscription } from './kurrent-subscription.ts';

export type KurrentEventStoreOptions = {
  /** e.g. `kurrentdb://admin:changeit@localhost:2113?tls=false` (esdb:// also works). */
  connectionString: string;
};

const checkMaxCount = (maxCount: number | undefined): number | undefined => {
  if (maxCount !== undefined && (!Number.isSafeInteger(maxCount) || maxCount < 0)) throw validationError('maxCount must be a non-negative integer');
  return maxCount;
};

const collect = async (events: AsyncIterable<Parameters<typeof toRecordedEvent>[0]>, keep: (e: RecordedEvent) => boolean): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for await (const resolved of events) {
    const event = toRecordedEvent(resolved);
    if (event !== undefined && keep(event)) out.push(event);
  }
  return out;
};

/**
 * The KurrentDB/EventStoreDB adapter of the EventStore port, on the official client. KurrentDB
 * positions are already {commit, prepare}; system events ($-types, $-streams) never surface.
 * Note: KurrentDB checks event-id idempotency per stream only, not across streams.
 */
export const createKurrentEventStore = (options: KurrentEventStoreOptions): EventStore => {
  let client: KurrentDBClient;
  try {
    client = KurrentDBClient.connectionString(options.connectionString);
  } catch (error) {
    throw new PayGateError('validation', 'EVENTSTORE_URL is not a valid KurrentDB connection string', {}, { cause: error });
  }
  const subscriptions = new Set<AllSubscription>();
  let closed = false;
  const assertOpen = (): void => {
    if (closed) throw new PayGateError('unavailable', 'event store is closed');
  };

  // Some server versions answer an idempotent append without a position: look the event up.
  const positionOf = async (streamId: string, revision: bigint) => {
    const [event] = await collect(client.readStream(streamId, { fromRevision: revision, maxCount: 1 }), () => true);
    if (event === undefined) throw new PayGateError('internal', 'KurrentDB returned no position for an append');
    return event.position;
  };

  return {
    async append(streamId, events, appendOptions) {
      assertOpen();
      const expected = appendOptions?.expectedRevision ?? 'any';
      const prepared = prepareAppend(streamId, events);
      const streamState = toStreamState(normalizeExpectation(expected));
      try {
        const result = await client.appendToStream(
          streamId,
          prepared.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data as JSONType, metadata: e.metadata as JSONType })),
          { streamState },
        );
        const position = result.position ?? (await positionOf(streamId, result.nextExpectedRevision));
        return { nextExpectedRevision: result.nextExpectedRevision, position: { commit: position.commit, prepare: position.prepare } };
      } catch (error) {
        throw toPayGateErrorFromKurrent(error, 'append', streamId, expected);
      }
    },

    async readStream(streamId, readOptions = {}) {
      assertOpen();
      const maxCount = checkMaxCount(readOptions.maxCount);
      if (maxCount === 0) return [];
      if ((readOptions.fromRevision ?? 0n) < 0n) throw validationError('fromRevision must be >= 0');
      try {
        return await collect(
          client.readStream(streamId, { fromRevision: readOptions.fromRevision ?? START, direction: FORWARDS, ...(maxCount === undefined ? {} : { maxCount }) }),
          () => true,
        );
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw toPayGateErrorFromKurrent(error, 'reading a stream');
      }
    },

    async readAll(readOptions = {}) {
      assertOpen();
      const maxCount = checkMaxCount(readOptions.maxCount);
      if (maxCount === 0) return [];
      const after = readOptions.after !== undefined && readOptions.after.commit >= 0n ? readOptions.after : undefined;
      try {
        // Reading from a position includes the event at it: ask for one more and drop it.
        const events = await collect(
          client.readAll({
            fromPosition: after ?? START,
            direction: FORWARDS,
            filter: excludeSystemEvents(),
            ...(maxCount === undefined ? {} : { maxCount: after === undefined ? maxCount : maxCount + 1 }),
          }),
          (event) => isAfter(event, after),
        );
        return maxCount === undefined ? events : events.slice(0, maxCount);
      } catch (error) {
        throw toPayGateErrorFromKurrent(error, 'reading $all');
      }
    },

    subscribeToAll(subscribeOptions = {}) {
      assertOpen();
      const subscription = createKurrentSubscription(client, subscribeOptions);
      subscriptions.add(subscription);
      const close = async () => {
        subscriptions.delete(subscription);
        await subscription.close();
      };
      return { [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](), close };
    },

    async ping() {
      assertOpen();
      try {
        for await (const _ of client.readStream('paygate-ping', { maxCount: 1 })) break;
      } catch (error) {
        if (error instanceof StreamNotFoundError) return;
        throw toPayGateErrorFromKurrent(error, 'ping');
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      await client.dispose();
    },
  };
};

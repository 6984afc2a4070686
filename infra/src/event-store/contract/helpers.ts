import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import {
  isPayGateError,
  type EventStore,
  type EventToAppend,
  type GlobalPosition,
  type PayGateError,
  type RecordedEvent,
} from '@paygate/domain';

/** What an adapter's test file hands the contract. */
export type EventStoreContractHarness = {
  store: EventStore;
  /** Closes the current store (as a process exit would) and opens a new one on the same data. */
  restart(): Promise<EventStore>;
  teardown(): Promise<void>;
  /** PostgreSQL makes event ids unique across the whole log; KurrentDB only checks them per stream. */
  eventIdsUniqueAcrossStreams?: boolean;
  /**
   * Optional adapter hook: starts an append of `events` in a transaction that stays open until
   * `commit()`. Lets the contract prove `$all` never skips an event that commits late.
   */
  holdAppend?(streamId: string, events: EventToAppend[]): Promise<{ commit(): Promise<void>; rollback(): Promise<void> }>;
};

export type ContractContext = {
  /** The current store (it changes after a restart). */
  store(): EventStore;
  harness(): EventStoreContractHarness;
  restart(): Promise<EventStore>;
};

export const newStream = (prefix: string): string => `contract_${prefix}-${randomUUID()}`;

export const newEvent = (type = 'ContractTested', data: unknown = { n: 1 }): EventToAppend => ({
  id: randomUUID(),
  type,
  data,
  metadata: { correlationId: randomUUID(), causationId: randomUUID(), schemaVersion: 1 },
});

export const events = (count: number, type = 'ContractTested'): EventToAppend[] =>
  Array.from({ length: count }, (_, n) => newEvent(type, { n }));

/** The end of `$all` right now, as a checkpoint: appends a marker and returns its position. */
export const checkpoint = async (store: EventStore): Promise<GlobalPosition> =>
  (await store.append(newStream('marker'), [newEvent('ContractMarker')])).position;

/** Every event after `after` whose stream is one of `streams`, in `$all` order. */
export const readAllOf = async (store: EventStore, after: GlobalPosition, streams: readonly string[]): Promise<RecordedEvent[]> => {
  const wanted = new Set(streams);
  return (await store.readAll({ after })).filter((event) => wanted.has(event.streamId));
};

/**
 * Like readAllOf, but waits until `count` events are visible: an adapter may rightly hide a
 * committed event from `$all` for a moment (while an earlier append is still open).
 */
export const readAllOfWhenVisible = async (store: EventStore, after: GlobalPosition, streams: readonly string[], count: number): Promise<RecordedEvent[]> => {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const seen = await readAllOf(store, after, streams);
    if (seen.length >= count || Date.now() > deadline) return seen;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

export const conflictOf = async (attempt: Promise<unknown>): Promise<PayGateError> => {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isPayGateError(error), `expected a PayGateError, got ${String(error)}`).toBe(true);
  const payGateError = error as PayGateError;
  expect(payGateError.kind).toBe('conflict');
  return payGateError;
};

export const errorKindOf = async (attempt: Promise<unknown> | (() => unknown)): Promise<string> => {
  try {
    await (typeof attempt === 'function' ? attempt() : attempt);
  } catch (error) {
    return isPayGateError(error) ? error.kind : `non-PayGateError: ${String(error)}`;
  }
  return 'no error';
};

/**
 * Reads a subscription with timeouts without losing events: a `next()` still pending when a wait
 * times out is kept and consumed by the following call.
 */
export const readerOf = (subscription: AsyncIterable<RecordedEvent>) => {
  const iterator = subscription[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<RecordedEvent>> | undefined;

  /** The next event for `streams`, 'timeout' after `ms`, or throws if the subscription ended. */
  const nextOf = async (wanted: ReadonlySet<string>, deadline: number): Promise<RecordedEvent | 'timeout'> => {
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return 'timeout';
      pending ??= iterator.next();
      let timer: NodeJS.Timeout | undefined;
      const result = await Promise.race([
        pending,
        new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), remaining);
        }),
      ]);
      clearTimeout(timer);
      if (result === 'timeout') return 'timeout';
      pending = undefined;
      if (result.done) throw new Error('subscription ended');
      if (wanted.has(result.value.streamId)) return result.value;
    }
  };

  return {
    /** The next `count` events of `streams`; fails if they do not all arrive within `timeoutMs`. */
    async take(count: number, streams: readonly string[], timeoutMs = 10_000): Promise<RecordedEvent[]> {
      const wanted = new Set(streams);
      const deadline = Date.now() + timeoutMs;
      const taken: RecordedEvent[] = [];
      while (taken.length < count) {
        const event = await nextOf(wanted, deadline);
        if (event === 'timeout') throw new Error(`subscription delivered ${taken.length}/${count} events in ${timeoutMs} ms`);
        taken.push(event);
      }
      return taken;
    },
    /** 'quiet' if nothing for `streams` arrives within `ms`, else the event that did. */
    async quiet(streams: readonly string[], ms: number): Promise<'quiet' | RecordedEvent> {
      const event = await nextOf(new Set(streams), Date.now() + ms);
      return event === 'timeout' ? 'quiet' : event;
    },
    /** Resolves true once the subscription's iteration ends (e.g. after close). */
    async ended(timeoutMs = 5_000): Promise<boolean> {
      pending ??= iterator.next();
      let timer: NodeJS.Timeout | undefined;
      const result = await Promise.race([
        pending,
        new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (result === 'timeout') return false;
      pending = undefined;
      return result.done === true;
    },
  };
};

import { checkMaxCount, PayGateError, validationError, type AllSubscription, type EventStore } from '@paygate/domain';
import { appendToLog } from './in-memory-append.ts';
import { createInMemoryLog, toRecordedEvent, type InMemoryLog } from './in-memory-log.ts';
import { subscribeToLog } from './in-memory-subscription.ts';

export type InMemoryEventStoreOptions = {
  /** The data; pass another store's `log` to open a second store on it (a restart). Default: a new, empty log. */
  log?: InMemoryLog;
  /** Sets `recordedAt`; default the system time. */
  clock?: () => Date;
};

export type InMemoryEventStore = EventStore & { readonly log: InMemoryLog };

/**
 * The EventStore port in memory, for unit tests of handlers, process managers and projections.
 * It behaves as the production adapters do — expected revisions with the actual revision on a
 * conflict, idempotent re-appends by event id (ids unique across the whole log, as in
 * PostgreSQL), a gap-free `$all`, catch-up-then-live subscriptions — and passes their contract
 * suite (infra/src/event-store/in-memory). Data goes through JSON, so what a test reads back is
 * what PostgreSQL would return.
 */
export const createInMemoryEventStore = (options: InMemoryEventStoreOptions = {}): InMemoryEventStore => {
  const log = options.log ?? createInMemoryLog();
  const clock = options.clock ?? (() => new Date());
  const subscriptions = new Set<AllSubscription>();
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new PayGateError('unavailable', 'event store is closed');
  };

  return {
    log,
    async append(streamId, events, appendOptions) {
      assertOpen();
      return appendToLog(log, streamId, events, appendOptions?.expectedRevision, clock());
    },
    async readStream(streamId, readOptions = {}) {
      assertOpen();
      const maxCount = checkMaxCount(readOptions.maxCount);
      const from = readOptions.fromRevision ?? 0n;
      if (from < 0n) throw validationError('fromRevision must be >= 0');
      const stream = log.streams.get(streamId) ?? [];
      return stream.slice(Number(from), Number(from) + Math.min(maxCount, stream.length)).map(toRecordedEvent);
    },
    async readAll(readOptions = {}) {
      assertOpen();
      const maxCount = checkMaxCount(readOptions.maxCount);
      const start = readOptions.after === undefined ? 0 : log.indexAfter(readOptions.after);
      return log.all.slice(start, start + Math.min(maxCount, log.all.length)).map(toRecordedEvent);
    },
    subscribeToAll(subscribeOptions = {}) {
      assertOpen();
      // `let`: a signal that is already aborted closes the subscription before it is assigned.
      let subscription: AllSubscription | undefined = undefined;
      subscription = subscribeToLog(log, { ...subscribeOptions, onClose: () => void (subscription && subscriptions.delete(subscription)) });
      subscriptions.add(subscription);
      return subscription;
    },
    async ping() {
      assertOpen();
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
    },
  };
};

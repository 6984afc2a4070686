import type pg from 'pg';
import { PayGateError, type AllSubscription, type EventStore } from '@paygate/domain';
import { migrate, pgToPayGateError, type MigrationResult } from '../../postgres/index.ts';
import { createCatchUpSubscription } from './catch-up-subscription.ts';
import { sharePageReads } from './shared-page-reads.ts';
import { createChangeNotifier, type ChangeNotifier } from './change-notifier.ts';
import { coalesceWakes } from './coalesce-wakes.ts';
import { createGroupCommitter } from './group-commit.ts';
import { readAllFromPostgres, readStreamFromPostgres } from './read.ts';
import { eventStoreMigrations } from './schema.ts';

export const EVENT_STORE_MIGRATION_SCOPE = 'paygate_event_store';
export const DEFAULT_NOTIFY_CHANNEL = 'paygate_events';

/** Creates or upgrades the event store's tables and append function. Safe to run concurrently. */
export const migrateEventStore = (pool: pg.Pool): Promise<MigrationResult> => migrate(pool, EVENT_STORE_MIGRATION_SCOPE, eventStoreMigrations);

export type PostgresEventStoreOptions = {
  /** The caller owns the pool: `close()` does not end it. */
  pool: pg.Pool;
  /**
   * LISTEN/NOTIFY channel that wakes subscriptions on commit. `null` turns NOTIFY off (appends
   * then skip it; subscriptions rely on in-process wake-ups and polling). Default 'paygate_events'.
   */
  notifyChannel?: string | null;
  /** How often a live subscription re-reads without a wake-up. Default 250 ms. */
  pollIntervalMs?: number;
  /** Events fetched per read while catching up. Default 500. */
  pageSize?: number;
  /**
   * Commits within this many milliseconds wake live subscriptions once (default 5): under steady
   * load every append used to cost each subscriber a read and each projector a transaction.
   * 0 wakes at once.
   */
  wakeDelayMs?: number;
};

/**
 * The PostgreSQL adapter of the EventStore port (schema: migrateEventStore). Appends hand out
 * `$all` positions in commit order under one lock, so `$all` is gap-free and no transaction
 * outside PayGate's appends can hold it back; concurrent appends are group-committed, one round
 * trip for many.
 */
export const createPostgresEventStore = (options: PostgresEventStoreOptions): EventStore => {
  const { pool } = options;
  const channel = options.notifyChannel === undefined ? DEFAULT_NOTIFY_CHANNEL : options.notifyChannel;
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const pageSize = options.pageSize ?? 500;
  if (!Number.isFinite(pollIntervalMs) || pollIntervalMs <= 0) throw new PayGateError('validation', 'pollIntervalMs must be > 0');
  if (!Number.isSafeInteger(pageSize) || pageSize <= 0) throw new PayGateError('validation', 'pageSize must be a positive integer');

  const notifier: ChangeNotifier | undefined = channel === null ? undefined : createChangeNotifier(pool, channel);
  // Wake-ups of this process's live subscriptions, from our own appends and from NOTIFY, coalesced.
  const wakes = coalesceWakes(options.wakeDelayMs ?? 5);
  const subscriptions = new Set<AllSubscription>();
  // Subscriptions woken by the same commit at the same position share one query.
  const subscriptionReads = sharePageReads((after, maxCount) => readAllFromPostgres(pool, { after, maxCount }));
  const appendGrouped = createGroupCommitter(pool, channel);
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new PayGateError('unavailable', 'event store is closed');
  };

  return {
    async append(streamId, events, appendOptions) {
      assertOpen();
      const result = await appendGrouped(streamId, events, appendOptions?.expectedRevision);
      wakes.soon();
      return result;
    },
    async readStream(streamId, readOptions) {
      assertOpen();
      return readStreamFromPostgres(pool, streamId, readOptions);
    },
    async readAll(readOptions) {
      assertOpen();
      return readAllFromPostgres(pool, readOptions);
    },
    subscribeToAll(subscribeOptions = {}) {
      assertOpen();
      const subscription = createCatchUpSubscription({
        readPage: subscriptionReads,
        onWake: (listener) => {
          const stopWakes = wakes.add(listener);
          const stopNotify = notifier?.subscribe(() => wakes.soon());
          return () => {
            stopWakes();
            stopNotify?.();
          };
        },
        ...(subscribeOptions.after === undefined ? {} : { after: subscribeOptions.after }),
        ...(subscribeOptions.signal === undefined ? {} : { signal: subscribeOptions.signal }),
        pollIntervalMs,
        pageSize,
        onClose: () => subscriptions.delete(subscription),
      });
      subscriptions.add(subscription);
      return subscription;
    },
    async ping() {
      assertOpen();
      try {
        await pool.query('SELECT 1');
      } catch (error) {
        throw pgToPayGateError(error, 'ping');
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      wakes.close();
      await notifier?.close();
    },
  };
};

import type pg from 'pg';
import { encodeEvent, subjectForEvent, type Broker, type EventStore, type GlobalPosition, type RecordedEvent } from '@paygate/domain';
import { createBatcher } from '@paygate/projections';
import { createLeaderLock, leaderLockKey } from './leader-lock.ts';
import { ensureRelayCheckpointTable, readRelayCheckpoint, writeRelayCheckpoint } from './relay-checkpoint.ts';
import { createThrottledCheckpoint } from './throttled-checkpoint.ts';

export type RelayLogger = {
  info(object: Record<string, unknown>, message: string): void;
  warn(object: Record<string, unknown>, message: string): void;
};

export type RelayOptions = {
  pool: pg.Pool;
  eventStore: EventStore;
  broker: Broker;
  logger?: RelayLogger;
  /** Relays with the same name share one checkpoint and one leader lock. */
  name?: string;
  batchSize?: number;
  retryDelayMs?: number;
  /** Subject prefix events are published under (default `paygate.events`). */
  subjectPrefix?: string;
  /** Called after each batch is acknowledged by the broker (benchmarks measure lag with it). */
  onPublished?: (events: readonly RecordedEvent[]) => void;
  /**
   * The checkpoint is stored at most this often (default 1 s), and this long after the last
   * batch at the latest: a crash republishes at most that much, which the broker's duplicate
   * window (2 min) drops, instead of a transaction per live batch.
   */
  checkpointEveryMs?: number;
};

export type Relay = { start(): Promise<void>; stop(): Promise<void>; position(): GlobalPosition | undefined };

/**
 * Tails `$all` and publishes every event to the broker with msgId = event id. The checkpoint is
 * saved after the broker acknowledged a batch; after a crash the unsaved tail is published again
 * and the broker's msgId deduplication drops the repeats, so the stream holds each event once.
 * Only the holder of the leader lock relays; other instances wait as standbys.
 */
export const createRelay = (options: RelayOptions): Relay => {
  const { pool, eventStore, broker, logger, name = 'default', batchSize = 256, retryDelayMs = 500, checkpointEveryMs = 1_000 } = options;
  const stopping = new AbortController();
  let lock = createLeaderLock(pool, leaderLockKey(`paygate-relay:${name}`));
  let current: GlobalPosition | undefined;
  let loop: Promise<void> | undefined;
  let closeSubscription: (() => Promise<void>) | undefined;

  const checkpoint = createThrottledCheckpoint((position) => writeRelayCheckpoint(pool, name, position), checkpointEveryMs, (error) =>
    logger?.warn({ relay: name, err: error }, 'relay checkpoint not stored; the next one will be'),
  );

  const publishBatch = async (batch: readonly RecordedEvent[]) => {
    // Sent in order on one connection, acknowledged together.
    await Promise.all(
      batch.map((event) => {
        const { data, headers } = encodeEvent(event);
        return broker.publish(subjectForEvent(event, options.subjectPrefix), data, { msgId: event.id, headers });
      }),
    );
    const last = batch.at(-1)!.position;
    await checkpoint.reached(last);
    current = last;
    options.onPublished?.(batch);
  };

  const relayUntilStoppedOrLost = async () => {
    await checkpoint.flush();
    current = await readRelayCheckpoint(pool, name);
    const subscription = eventStore.subscribeToAll(current ? { after: current } : {});
    closeSubscription = () => subscription.close();
    const abort = () => void subscription.close();
    lock.lost.addEventListener('abort', abort, { once: true });
    try {
      const nextBatch = createBatcher(subscription[Symbol.asyncIterator]());
      while (!stopping.signal.aborted && !lock.lost.aborted) {
        const batch = await nextBatch(batchSize);
        if (batch.length === 0) return;
        await publishBatch(batch);
      }
    } finally {
      lock.lost.removeEventListener('abort', abort);
      await subscription.close();
    }
  };

  const leadUntilStoppedOrLost = async () => {
    logger?.info({ relay: name }, 'relay is the leader');
    while (!stopping.signal.aborted && !lock.lost.aborted) {
      try {
        await relayUntilStoppedOrLost();
      } catch (error) {
        if (stopping.signal.aborted) break;
        logger?.warn({ relay: name, err: error }, 'relay batch failed; retrying from checkpoint');
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      }
    }
  };

  // Lead while holding the lock; after losing it (connection gone), wait as a standby again.
  const run = async () => {
    while (!stopping.signal.aborted) {
      if (!(await lock.acquire(stopping.signal))) return;
      await leadUntilStoppedOrLost();
      if (stopping.signal.aborted) return;
      logger?.warn({ relay: name }, 'relay lost its leader lock; waiting to lead again');
      await lock.release();
      lock = createLeaderLock(pool, leaderLockKey(`paygate-relay:${name}`));
    }
  };

  return {
    start: async () => {
      await ensureRelayCheckpointTable(pool);
      loop = run();
    },
    stop: async () => {
      stopping.abort();
      await closeSubscription?.();
      await loop;
      // Best effort, and no warning: Ctrl-C at a terminal also stops an embedded PostgreSQL. Unstored, the last
      // second is published again at the next start and dropped by the broker as duplicates.
      await checkpoint.flush().catch((error: unknown) => logger?.info({ relay: name, err: error }, 'relay checkpoint not stored at stop; the next start republishes the last second'));
      await lock.release();
    },
    position: () => current,
  };
};

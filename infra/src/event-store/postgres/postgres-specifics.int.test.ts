import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestDatabase, waitFor, type TestDatabase } from '@paygate/testkit';
import type { EventToAppend } from '@paygate/domain';
import { createPool } from '../../postgres/index.ts';
import { readerOf } from '../contract/helpers.ts';
import { LISTENER_APPLICATION_NAME } from './change-notifier.ts';
import { holdPostgresAppend } from './hold-append.ts';
import { createPostgresEventStore, migrateEventStore } from './index.ts';
import { APPEND_ONLY_SQLSTATE } from './schema.ts';

const event = (): EventToAppend => ({ id: randomUUID(), type: 'Tested', data: { ok: true } });
const stream = (): string => `pg-${randomUUID()}`;

describe('PostgreSQL event store specifics', () => {
  let db: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await createTestDatabase('paygate_es_pg');
    pool = createPool(db.url, { max: 8 });
    await migrateEventStore(pool);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('migrateEventStore is idempotent and safe to run from several processes at once', async () => {
    const fresh = await createTestDatabase('paygate_es_migrate');
    const pools = [0, 1, 2].map(() => createPool(fresh.url, { max: 2 }));
    try {
      const results = await Promise.all(pools.map((p) => migrateEventStore(p)));
      expect(results.flatMap((r) => r.applied).sort()).toEqual([1, 2, 3, 4, 5, 6]);
      expect((await migrateEventStore(pools[0]!)).applied).toEqual([]);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await fresh.drop();
    }
  });

  it('rejects UPDATE, DELETE and TRUNCATE of events, and deleting streams', async () => {
    const store = createPostgresEventStore({ pool, notifyChannel: null });
    await store.append(stream(), [event()]);
    for (const sql of ["UPDATE paygate_events SET type = 'Forged'", 'DELETE FROM paygate_events', 'TRUNCATE paygate_events', 'DELETE FROM paygate_streams', 'TRUNCATE paygate_streams CASCADE']) {
      await expect(pool.query(sql), sql).rejects.toMatchObject({ code: APPEND_ONLY_SQLSTATE });
    }
    expect((await pool.query('SELECT count(*)::int AS n FROM paygate_events')).rows[0]).toEqual({ n: 1 });
    await store.close();
  });

  it('turns an unreachable database into unavailable errors, never raw pg errors', async () => {
    const deadPool = createPool('postgres://postgres@127.0.0.1:1/none', { connectionTimeoutMillis: 1_000 });
    const store = createPostgresEventStore({ pool: deadPool });
    try {
      await expect(store.ping()).rejects.toMatchObject({ name: 'PayGateError', kind: 'unavailable' });
      await expect(store.append(stream(), [event()])).rejects.toMatchObject({ kind: 'unavailable' });
      await expect(store.readAll()).rejects.toMatchObject({ kind: 'unavailable' });
      await expect(store.readStream(stream())).rejects.toMatchObject({ kind: 'unavailable' });
    } finally {
      await store.close();
      await deadPool.end();
    }
  });

  it('the same event id raced into two streams: one wins, the other gets a conflict', async () => {
    const store = createPostgresEventStore({ pool, notifyChannel: null });
    const shared = event();
    const held = await holdPostgresAppend(db.url, stream(), [shared]);
    const other = stream();
    const racing = store.append(other, [shared]).catch((error: unknown) => error); // waits on the unique index
    await new Promise((resolve) => setTimeout(resolve, 100));
    await held.commit();
    expect(await racing).toMatchObject({ kind: 'conflict', details: { streamId: other, actualRevision: -1n } });
    expect(await store.readStream(other)).toEqual([]);
    await store.close();
  });

  it('wakes subscriptions by NOTIFY across processes, and resubscribes after the LISTEN connection drops', async () => {
    // Subscriber and writer are separate stores (as in separate processes); polling is off in effect.
    const subscriber = createPostgresEventStore({ pool, pollIntervalMs: 60_000 });
    const writerPool = createPool(db.url, { max: 2 });
    const writer = createPostgresEventStore({ pool: writerPool });
    const s = stream();
    const subscription = subscriber.subscribeToAll({ after: (await writer.append(stream(), [event()])).position });
    const reader = readerOf(subscription);
    const listenerPid = async () =>
      (await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [LISTENER_APPLICATION_NAME])).rows[0]?.pid;
    try {
      const firstPid = await waitFor('listener connection', listenerPid);
      await writer.append(s, [event()]);
      expect(await reader.take(1, [s], 3_000)).toHaveLength(1);

      await pool.query('SELECT pg_terminate_backend($1)', [firstPid]);
      await writer.append(s, [event()]); // may land while nobody listens
      expect((await reader.take(1, [s], 5_000))[0]?.streamRevision).toBe(1n);
      const secondPid = await waitFor('a new listener connection', async () => {
        const pid = await listenerPid();
        return pid !== undefined && pid !== firstPid && pid;
      });
      expect(secondPid).not.toBe(firstPid);
      await writer.append(s, [event()]);
      expect((await reader.take(1, [s], 3_000))[0]?.streamRevision).toBe(2n);
      expect(await reader.quiet([s], 300)).toBe('quiet');
    } finally {
      await subscription.close();
      await subscriber.close();
      await writer.close();
      await writerPool.end();
    }
  });

  it('delivers a burst of concurrent appends from another process completely and promptly', async () => {
    // Only one append in flight sends NOTIFY; the rest are found by the re-read it triggers or the poll.
    const subscriber = createPostgresEventStore({ pool });
    const writerPool = createPool(db.url, { max: 8 });
    const writer = createPostgresEventStore({ pool: writerPool });
    const streams = Array.from({ length: 20 }, stream);
    const subscription = subscriber.subscribeToAll({ after: (await writer.append(stream(), [event()])).position });
    try {
      await Promise.all(streams.map((s) => writer.append(s, [event()], { expectedRevision: 'no_stream' })));
      const delivered = await readerOf(subscription).take(20, streams, 3_000);
      expect(new Set(delivered.map((e) => e.streamId)).size).toBe(20);
    } finally {
      await subscription.close();
      await subscriber.close();
      await writer.close();
      await writerPool.end();
    }
  });

  it('finds appends that did not notify by polling', async () => {
    const subscriber = createPostgresEventStore({ pool, notifyChannel: null, pollIntervalMs: 50 });
    const writerPool = createPool(db.url, { max: 2 });
    const writer = createPostgresEventStore({ pool: writerPool, notifyChannel: null });
    const s = stream();
    const subscription = subscriber.subscribeToAll({ after: (await writer.append(stream(), [event()])).position });
    try {
      await writer.append(s, [event()]);
      expect(await readerOf(subscription).take(1, [s], 3_000)).toHaveLength(1);
    } finally {
      await subscription.close();
      await subscriber.close();
      await writer.close();
      await writerPool.end();
    }
  });

  it('close() ends its subscriptions and leaves the caller-owned pool usable', async () => {
    const store = createPostgresEventStore({ pool });
    const subscription = store.subscribeToAll();
    const reader = readerOf(subscription);
    await store.close();
    expect(await reader.ended(2_000)).toBe(true);
    await expect(store.append(stream(), [event()])).rejects.toMatchObject({ kind: 'unavailable' });
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testNatsUrl, uniqueName, waitFor, type TestDatabase } from '@paygate/testkit';
import { decodeEvent, type Broker, type EventStore } from '@paygate/domain';
import type pg from 'pg';
import { createNatsBroker } from '../broker/index.ts';
import { createPostgresEventStore, migrateEventStore } from '../event-store/index.ts';
import { createPool } from '../postgres/index.ts';
import { createRelay } from './relay.ts';
import { deleteStreams, streamMessageIds } from './test-support/jetstream-contents.ts';

const appendMany = async (eventStore: EventStore, count: number, prefix = 'relay') => {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    ids.push(id);
    await eventStore.append(`${prefix}-${i % 7}`, [{ id, type: 'RelayProbe', data: { i }, metadata: { traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` } }]);
  }
  return ids;
};

describe('relay (PostgreSQL event store → NATS JetStream)', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let eventStore: EventStore;
  let broker: Broker;
  const streamName = uniqueName('RELAY');
  const subjectPrefix = `test.${streamName.toLowerCase()}`;

  beforeAll(async () => {
    database = await createTestDatabase('relay');
    pool = createPool(database.url);
    await migrateEventStore(pool);
    eventStore = createPostgresEventStore({ pool });
    broker = await createNatsBroker({ servers: testNatsUrl(), streamName, subjects: [`${subjectPrefix}.>`] });
  });

  afterAll(async () => {
    await broker?.close();
    await deleteStreams(testNatsUrl(), streamName, `${streamName}_DEAD`, `${streamName}_REPLAY`);
    await eventStore?.close();
    await pool?.end();
    await database?.drop();
  });

  it('publishes every event once, in order, with msgId = event id and trace headers, across restarts and standbys', async () => {
    const first = await appendMany(eventStore, 40);
    const relayA = createRelay({ pool, eventStore, broker, subjectPrefix, name: streamName });
    const relayB = createRelay({ pool, eventStore, broker, subjectPrefix, name: streamName });
    await relayA.start();
    await relayB.start(); // a standby: the leader lock is taken
    await waitFor('first batch relayed', async () => (await streamMessageIds(testNatsUrl(), streamName)).messages === 40);

    await relayA.stop(); // leadership passes to the standby
    const second = await appendMany(eventStore, 25);
    await waitFor('standby relays the rest', async () => (await streamMessageIds(testNatsUrl(), streamName)).messages >= 65);
    await relayB.stop();

    // Forget the checkpoint, as if the relay died right after publishing: the repeats are deduplicated.
    await pool.query('DELETE FROM paygate_relay_checkpoints');
    const relayC = createRelay({ pool, eventStore, broker, subjectPrefix, name: streamName });
    await relayC.start();
    await waitFor('replayed from 0', () => relayC.position()?.prepare !== undefined && relayC.position()!.commit > 0n);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await relayC.stop();

    const { ids, messages } = await streamMessageIds(testNatsUrl(), streamName);
    expect(messages).toBe(65);
    expect(ids).toEqual([...first, ...second]);
  });

  it('keeps relaying after its lock connection is killed: it waits, leads again, loses nothing', async () => {
    const relay = createRelay({ pool, eventStore, broker, subjectPrefix, name: streamName });
    await relay.start();
    const before = (await streamMessageIds(testNatsUrl(), streamName)).messages;
    const lockHolder = async () =>
      (
        await pool.query<{ pid: number }>(
          `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        )
      ).rows[0]?.pid;
    const pid = await waitFor('the relay holds its lock', lockHolder);
    await pool.query('SELECT pg_terminate_backend($1)', [pid]);
    const more = await appendMany(eventStore, 10, 'relock');
    await waitFor('relayed after re-acquiring the lock', async () => (await streamMessageIds(testNatsUrl(), streamName)).messages === before + 10);
    expect((await lockHolder()) ?? pid).not.toBe(pid);
    await relay.stop();
    expect((await streamMessageIds(testNatsUrl(), streamName)).ids.slice(-10)).toEqual(more);
  });

  it('delivers the event intact to a consumer, trace context in headers', async () => {
    const received: string[] = [];
    let traceparent: string | undefined;
    const consumer = await broker.consume({ name: 'relay-reader', filterSubject: `${subjectPrefix}.>` }, async (message) => {
      const event = decodeEvent(message);
      received.push(event.id);
      traceparent = message.headers.traceparent;
      expect(typeof event.streamRevision).toBe('bigint');
    });
    await waitFor('consumer read the stream', () => received.length === 75);
    await consumer.stop();
    expect(new Set(received).size).toBe(75);
    expect(traceparent).toMatch(/^00-a{32}-b{16}-01$/);
  });

  it('a checkpoint it cannot store at stop (the database going down with it) does not fail the stop', async () => {
    const logged: string[] = [];
    const logger = { info: (_: unknown, message: string) => void logged.push(message), warn: (_: unknown, message: string) => void logged.push(message) };
    const name = `${streamName}_stop`;
    const relay = createRelay({ pool, eventStore, broker, subjectPrefix, name, checkpointEveryMs: 60_000, logger });
    await relay.start();
    const before = (await streamMessageIds(testNatsUrl(), streamName)).messages;
    await appendMany(eventStore, 3, 'stop-a');
    await waitFor('the first batch relayed', async () => (await streamMessageIds(testNatsUrl(), streamName)).messages >= before + 3);
    await appendMany(eventStore, 3, 'stop-b'); // relayed, its checkpoint held back by the interval
    await waitFor('the second batch relayed', async () => (await streamMessageIds(testNatsUrl(), streamName)).messages >= before + 6);
    await pool.query('ALTER TABLE paygate_relay_checkpoints RENAME TO paygate_relay_checkpoints_away');
    try {
      await expect(relay.stop()).resolves.toBeUndefined();
    } finally {
      await pool.query('ALTER TABLE paygate_relay_checkpoints_away RENAME TO paygate_relay_checkpoints');
    }
    expect(logged).toContain('relay checkpoint not stored at stop; the next start republishes the last second');
  });
});

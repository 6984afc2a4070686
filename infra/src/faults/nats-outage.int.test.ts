import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, waitFor, type TestDatabase } from '@paygate/testkit';
import type { Broker, EventStore } from '@paygate/domain';
import type pg from 'pg';
import { createNatsBroker } from '../broker/index.ts';
import { createPostgresEventStore, migrateEventStore } from '../event-store/index.ts';
import { createPool } from '../postgres/index.ts';
import { createRelay, type Relay } from '../relay/index.ts';
import { streamMessageIds } from '../relay/test-support/jetstream-contents.ts';
import { startPrivateNatsServer } from './nats-server-process.ts';

describe('NATS outage: the log keeps taking appends, the relay catches up', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let eventStore: EventStore;
  let broker: Broker;
  let relay: Relay;
  let nats: Awaited<ReturnType<typeof startPrivateNatsServer>>;
  const stream = 'OUTAGE';

  beforeAll(async () => {
    nats = await startPrivateNatsServer();
    database = await createTestDatabase('outage');
    pool = createPool(database.url);
    await migrateEventStore(pool);
    eventStore = createPostgresEventStore({ pool });
    broker = await createNatsBroker({ servers: nats.url, streamName: stream, subjects: ['paygate.events.>'] });
    relay = createRelay({ pool, eventStore, broker, retryDelayMs: 200 });
    await relay.start();
  });

  afterAll(async () => {
    await relay?.stop();
    await broker?.close();
    await nats?.stop();
    await eventStore?.close();
    await pool?.end();
    await database?.drop();
  });

  it('appends succeed while NATS is down and every event reaches JetStream once after it returns', async () => {
    const ids: string[] = [];
    const append = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const id = randomUUID();
        await eventStore.append(`outage-${i % 3}`, [{ id, type: 'OutageProbe', data: { i } }]);
        ids.push(id);
      }
    };
    await append(10);
    await waitFor('first events relayed', async () => (await streamMessageIds(nats.url, stream)).messages === 10);

    await nats.stop();
    // Another application's transaction on the same server stays open meanwhile (it holds an xid).
    const stranger = await createTestDatabase('outage_stranger');
    const strangerPool = createPool(stranger.url, { max: 1 });
    const held = await strangerPool.connect();
    await held.query('BEGIN');
    await held.query('SELECT pg_current_xact_id()');
    await append(30); // the log does not depend on the broker
    // Stream reads, not $all: $all's visible end follows the oldest open transaction on the whole
    // server (another database's included), so a snapshot of it here could be short for a while.
    const streams = await Promise.all([0, 1, 2].map((n) => eventStore.readStream(`outage-${n}`)));
    expect(streams.flat().map((event) => event.id).sort()).toEqual([...ids].sort());
    await held.query('COMMIT');
    held.release();
    await strangerPool.end();
    await stranger.drop();

    await nats.start();
    await waitFor('relay caught up after NATS came back', async () => (await streamMessageIds(nats.url, stream).catch(() => ({ messages: -1 }))).messages === 40, {
      timeoutMs: 30_000,
    });
    const { ids: relayed } = await streamMessageIds(nats.url, stream);
    expect(relayed).toEqual(ids);
  });
});

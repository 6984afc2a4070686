import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase, waitFor, type TestDatabase } from '@paygate/testkit';
import type { EventToAppend } from '@paygate/domain';
import { createPool } from '../../postgres/index.ts';
import { readerOf } from '../contract/helpers.ts';
import { createPostgresEventStore, migrateEventStore } from './index.ts';

// $all must depend on PayGate's own appends only: another application's open transaction on the
// same server (another database here, the same one below) must not hold readers back.

const event = (): EventToAppend => ({ id: randomUUID(), type: 'Tested', data: { ok: true } });

let ours: TestDatabase;
let theirs: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  [ours, theirs] = await Promise.all([createTestDatabase('paygate_es_ours'), createTestDatabase('paygate_es_theirs')]);
  pool = createPool(ours.url, { max: 6 });
  await migrateEventStore(pool);
});
afterAll(async () => {
  await pool?.end();
  await Promise.all([ours?.drop(), theirs?.drop()]);
});

/** Opens a transaction that holds a transaction id, like any writer that has not committed yet. */
const openWriteTransaction = async (url: string): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT pg_current_xact_id()');
  return client;
};

it.each([
  ['another database on the same server', () => theirs.url],
  ['our own database', () => ours.url],
])('$all advances while %s holds a write transaction open', async (_where, url) => {
  // Polling is slow on purpose: the new event must arrive by wake-up, not by luck of the poll.
  const store = createPostgresEventStore({ pool, pollIntervalMs: 60_000 });
  const blocker = await openWriteTransaction(url());
  const stream = `outside-${randomUUID()}`;
  const from = (await store.append(`outside-${randomUUID()}`, [event()])).position;
  const subscription = store.subscribeToAll({ after: from });
  try {
    const appended = await store.append(stream, [event()]);
    const read = await waitFor('readAll to show the new event', async () => (await store.readAll({ after: from })).find((e) => e.streamId === stream), { timeoutMs: 5_000 });
    expect(read.position).toEqual(appended.position);
    expect(await readerOf(subscription).take(1, [stream], 5_000)).toHaveLength(1);
  } finally {
    await subscription.close();
    await store.close();
    await blocker.query('ROLLBACK').catch(() => {});
    await blocker.end();
  }
});

// Test helper (not product code): a migrated event store in a fresh database, and the superuser's way around its triggers.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { EventStore, EventToAppend } from '@paygate/domain';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { createPool } from '../../../postgres/index.ts';
import { createPostgresEventStore, migrateEventStore } from '../../../event-store/postgres/index.ts';

/** Integration-test helper: a fresh database with a migrated PostgreSQL event store. */
export type TestLog = { db: TestDatabase; pool: pg.Pool; store: EventStore; close(): Promise<void> };

export const createTestLog = async (): Promise<TestLog> => {
  const db = await createTestDatabase('paygate_audit_chain');
  const pool = createPool(db.url, { max: 4 });
  await migrateEventStore(pool);
  const store = createPostgresEventStore({ pool, notifyChannel: null });
  return {
    db,
    pool,
    store,
    close: async () => {
      await store.close();
      await pool.end();
      await db.drop();
    },
  };
};

// jsonb reorders keys and normalises numbers and spacing: the chain hashes its canonical text.
export const testEvent = (n: number): EventToAppend => ({
  id: randomUUID(),
  type: n % 2 === 0 ? 'PaymentRecorded' : 'AccessGranted',
  data: { zeta: n, amount: `${1000 + n}`, memo: 'žluťoučký kůň 🐎 "q" \\ \n', price: 1.5, nested: { b: [true, null], a: 1e21 } },
  metadata: { correlationId: `c-${n}`, schemaVersion: 1 },
});

/**
 * Appends through every path paygate_append is reached by: lone appends, concurrent appends the
 * adapter group-commits, and paygate_append_batch called directly with a conflict in the middle.
 */
export const appendThroughEveryPath = async ({ pool, store }: Pick<TestLog, 'pool' | 'store'>): Promise<void> => {
  const streams = ['invoice-a', 'invoice-b', 'payment-c'].map((s) => `${s}-${randomUUID()}`);
  let n = 0;
  for (const stream of streams) await store.append(stream, [testEvent(n++), testEvent(n++)]);
  await Promise.all(Array.from({ length: 12 }, (_, i) => store.append(i % 3 === 0 ? streams[0]! : `grouped-${i}-${randomUUID()}`, [testEvent(n++)])));
  const ids = [randomUUID(), randomUUID(), randomUUID()];
  const batch = [testEvent(n++), testEvent(n++), testEvent(n++)];
  await pool.query('SELECT * FROM paygate_append_batch($1, $2, $3, $4, $5, $6, $7, $8, NULL)', [
    [streams[1], streams[2], streams[2]],
    ['any', 'no_stream', 'exact'],
    [null, null, '1'],
    [1, 1, 1],
    ids,
    batch.map((e) => e.type),
    batch.map((e) => JSON.stringify(e.data)),
    batch.map((e) => JSON.stringify(e.metadata)),
  ]);
  await store.append(streams[1]!, [testEvent(n++)], { expectedRevision: 2n });
};

/** Runs `work` as the test server's superuser with the append-only triggers bypassed. */
export const asSuperuser = async <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    return await work(client);
  } finally {
    await client.end();
  }
};

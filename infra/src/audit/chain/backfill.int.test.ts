import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { createPool, migrate } from '../../postgres/index.ts';
import { createPostgresEventStore, EVENT_STORE_MIGRATION_SCOPE, eventStoreMigrations, migrateEventStore } from '../../event-store/postgres/index.ts';
import { appendThroughEveryPath, testEvent } from './test-support/test-log.ts';
import { verifyLog } from './verify-log.ts';

// A database written before the chain existed gets one when it migrates to version 6: rows with
// the old {transaction id, sequence} positions (before migration 4) and commit-ordered ones.

let db: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  db = await createTestDatabase('paygate_chain_backfill');
  pool = createPool(db.url, { max: 4 });
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

it('chains every existing event in $all order when migration 6 runs, and appends chain on from there', async () => {
  await migrate(pool, EVENT_STORE_MIGRATION_SCOPE, eventStoreMigrations.filter((m) => m.version < 4));
  const old = createPostgresEventStore({ pool, notifyChannel: null });
  for (let n = 0; n < 4; n++) await old.append(`old-${n % 2}`, [testEvent(n), testEvent(n + 10)]);
  await old.close();

  await migrate(pool, EVENT_STORE_MIGRATION_SCOPE, eventStoreMigrations.filter((m) => m.version < 6));
  const before = createPostgresEventStore({ pool, notifyChannel: null });
  await appendThroughEveryPath({ pool, store: before });
  await before.append('old-0', [testEvent(99)], { expectedRevision: 3n });
  await before.close();

  expect((await migrateEventStore(pool)).applied).toEqual([6]);
  const { rows } = await pool.query<{ unchained: string; heads: string }>(
    `SELECT (SELECT count(*) FROM paygate_events WHERE chain_hash IS NULL OR stream_hash IS NULL)::text AS unchained,
            (SELECT count(*) FROM paygate_streams WHERE last_hash IS NULL)::text AS heads`,
  );
  expect(rows[0]).toEqual({ unchained: '0', heads: '0' });
  const migrated = await verifyLog(pool, { pageSize: 5 });
  expect(migrated).toMatchObject({ intact: true, events: 8 + 21 + 1, problems: [] });

  const store = createPostgresEventStore({ pool, notifyChannel: null });
  try {
    await store.append('old-1', [testEvent(100)], { expectedRevision: 3n });
    await store.append(`new-${randomUUID()}`, [testEvent(101), testEvent(102)]);
  } finally {
    await store.close();
  }
  expect(await verifyLog(pool, { anchors: [migrated.head!] })).toMatchObject({ intact: true, events: 33, anchorsChecked: 1 });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { comparePositions, type EventToAppend, type GlobalPosition } from '@paygate/domain';
import { createPool, migrate } from '../../postgres/index.ts';
import { createPostgresEventStore, EVENT_STORE_MIGRATION_SCOPE, eventStoreMigrations, migrateEventStore } from './index.ts';

// Migration 4 must keep a log written with xid positions readable, and keep checkpoints saved
// before it valid: everything appended after it sorts after everything before.

const event = (): EventToAppend => ({ id: randomUUID(), type: 'Tested', data: { ok: true } });

let db: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  db = await createTestDatabase('paygate_es_upgrade');
  pool = createPool(db.url, { max: 4 });
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

it('keeps old events, their positions and old checkpoints after the commit-order migration', async () => {
  await migrate(pool, EVENT_STORE_MIGRATION_SCOPE, eventStoreMigrations.filter((m) => m.version < 4));
  const before = createPostgresEventStore({ pool, notifyChannel: null });
  const s = `upgrade-${randomUUID()}`;
  await before.append(s, [event(), event()]);
  const checkpoint: GlobalPosition = (await before.append(`other-${randomUUID()}`, [event()])).position;
  await before.append(s, [event()], { expectedRevision: 1n });
  await before.close();
  // Read as the old code did: this build's reader expects the migrated columns.
  const { rows } = await pool.query<{ id: string; commit: string; prepare: string }>(
    'SELECT event_id::text AS id, transaction_id::text AS commit, position::text AS prepare FROM paygate_events ORDER BY transaction_id, position',
  );
  const old = rows.map((r) => ({ id: r.id, position: { commit: BigInt(r.commit), prepare: BigInt(r.prepare) } }));

  expect((await migrateEventStore(pool)).applied).toEqual([4, 5, 6]);
  const store = createPostgresEventStore({ pool, notifyChannel: null });
  try {
    expect((await store.readAll()).map((e) => ({ id: e.id, position: e.position }))).toEqual(old);
    const appended = await store.append(s, [event()], { expectedRevision: 2n });
    expect(appended.nextExpectedRevision).toBe(3n);
    expect(appended.position).toEqual({ commit: appended.position.prepare, prepare: appended.position.prepare });
    expect(comparePositions(old.at(-1)!.position, appended.position)).toBe(-1);

    const all = await store.readAll();
    expect(all.map((e) => e.id)).toEqual([...old.map((e) => e.id), all.at(-1)!.id]);
    const afterCheckpoint = await store.readAll({ after: checkpoint });
    expect(afterCheckpoint.map((e) => e.streamRevision)).toEqual([2n, 3n]);
    expect((await store.readStream(s)).map((e) => e.streamRevision)).toEqual([0n, 1n, 2n, 3n]);
  } finally {
    await store.close();
  }
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { comparePositions, type EventStore } from '@paygate/domain';
import { createProjectionRunner, readCheckpoint, type Projection } from '@paygate/projections';
import { createTestDatabase, waitFor, type TestDatabase } from '@paygate/testkit';
import { createPostgresEventStore, migrateEventStore } from '../event-store/index.ts';
import { createPool } from '../postgres/index.ts';

const counted: Projection = {
  name: 'counted',
  version: 1,
  tables: ['counted'],
  handles: ['Counted'],
  ddl: (schema) => [`CREATE TABLE IF NOT EXISTS "${schema}".counted (event_id uuid PRIMARY KEY)`],
  apply: async (db, event) => {
    await db.insertInto('counted').values({ event_id: event.id }).execute();
  },
};

describe('projection checkpoints', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let eventStore: EventStore;

  beforeAll(async () => {
    database = await createTestDatabase('checkpoint');
    pool = createPool(database.url);
    await migrateEventStore(pool);
    eventStore = createPostgresEventStore({ pool });
  });

  afterAll(async () => {
    await eventStore?.close();
    await pool?.end();
    await database?.drop();
  });

  it('stores no checkpoint for batches of ignored events, and the next applied batch stores the latest position', async () => {
    const db = new Kysely<never>({ dialect: new PostgresDialect({ pool }) });
    const runner = createProjectionRunner({ db, eventStore, projection: counted, schema: 'cp' });
    await runner.start();
    try {
      const ignored = await Promise.all(
        Array.from({ length: 20 }, (_, i) => eventStore.append(`other-${i}`, [{ id: randomUUID(), type: 'Ignored', data: {} }])),
      );
      const lastIgnored = ignored.map((result) => result.position).sort(comparePositions).at(-1)!;
      await runner.waitFor(lastIgnored);
      expect((await readCheckpoint(db, 'cp', 'counted'))?.position).toBeUndefined();
      // Once quiet, the position is stored anyway, so the checkpoint table shows the real lag.
      await waitFor('idle checkpoint stored', async () => (await readCheckpoint(db, 'cp', 'counted'))?.position, { timeoutMs: 10_000 });
      expect((await readCheckpoint(db, 'cp', 'counted'))?.position).toEqual(lastIgnored);

      const applied = await eventStore.append('counted-1', [{ id: randomUUID(), type: 'Counted', data: {} }]);
      await runner.waitFor(applied.position);
      await waitFor('checkpoint stored', async () => {
        const stored = (await readCheckpoint(db, 'cp', 'counted'))?.position;
        return stored && comparePositions(stored, applied.position) === 0;
      });
      expect((await readCheckpoint(db, 'cp', 'counted'))?.position).toEqual(applied.position);
      expect((await pool.query('SELECT count(*)::int AS n FROM cp.counted')).rows[0].n).toBe(1);
    } finally {
      await runner.stop();
    }
  });
});

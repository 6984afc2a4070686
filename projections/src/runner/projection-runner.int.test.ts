import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore, GlobalPosition } from '@paygate/domain';
import { createInMemoryEventStore, createInMemoryLog, createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { readCheckpoint } from './checkpoints.ts';
import type { AnyKysely, Projection } from './projection.ts';
import { createProjectionRunner } from './projection-runner.ts';

// The runner over the in-memory store's $all and a real PostgreSQL: each event lands exactly
// once across restarts, failures and a second runner of the same projection.

let database: TestDatabase;
let db: AnyKysely;
beforeAll(async () => {
  database = await createTestDatabase('paygate_proj_runner');
  db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 6 }) }) });
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

/** A read model with no key at all: an event applied twice would show as two rows. */
const seenProjection = (name: string, version = 1, fail?: () => boolean): Projection => ({
  name,
  version,
  tables: [`${name}_seen`],
  ddl: (schema) => [`CREATE TABLE IF NOT EXISTS "${schema}"."${name}_seen" (event_id text NOT NULL, n integer NOT NULL)`],
  handles: ['Seen'],
  apply: async (scoped, event) => {
    if (fail?.()) throw new Error('read model write failed');
    await scoped.insertInto(`${name}_seen`).values({ event_id: event.id, n: (event.data as { n: number }).n }).execute();
  },
});

const appendSeen = async (store: EventStore, from: number, count: number): Promise<GlobalPosition> => {
  let last: GlobalPosition | undefined;
  for (let n = from; n < from + count; n++) {
    last = (await store.append(`seen-${n % 3}`, [{ id: randomUUID(), type: n % 4 === 0 ? 'Ignored' : 'Seen', data: { n } }])).position;
  }
  return last!;
};
const seen = async (schema: string, name: string) =>
  (await sql<{ n: number }>`SELECT n FROM ${sql.id(schema, `${name}_seen`)} ORDER BY n`.execute(db)).rows.map((row) => row.n);
const expected = (count: number) => Array.from({ length: count }, (_, n) => n).filter((n) => n % 4 !== 0);

describe('projection runner', () => {
  it('stopped and started again (a new process on the same log), it resumes after its checkpoint', async () => {
    const log = createInMemoryLog();
    const projection = seenProjection('restart');
    let store = createInMemoryEventStore({ log });
    let runner = createProjectionRunner({ db, eventStore: store, projection, schema: 'runner_restart', batchSize: 4 });
    await runner.start();
    await runner.waitFor(await appendSeen(store, 0, 10));
    await runner.stop();
    await store.close();

    store = createInMemoryEventStore({ log });
    await appendSeen(store, 10, 5); // while nobody projects
    runner = createProjectionRunner({ db, eventStore: store, projection, schema: 'runner_restart', batchSize: 4 });
    await runner.start();
    await runner.waitFor(await appendSeen(store, 15, 5));
    await runner.stop();
    expect(await seen('runner_restart', 'restart')).toEqual(expected(20));
    expect((await readCheckpoint(db, 'runner_restart', 'restart'))?.position).toEqual(log.all.at(-1)!.position);
  });

  it('a failed batch rolls back with its checkpoint and is retried: nothing lost, nothing twice', async () => {
    const store = createInMemoryEventStore();
    let failures = 2;
    const projection = seenProjection('flaky', 1, () => failures-- > 0);
    const errors: string[] = [];
    const runner = createProjectionRunner({
      db,
      eventStore: store,
      projection,
      schema: 'runner_flaky',
      batchSize: 3,
      retryDelayMs: 10,
      logger: { info: () => undefined, error: (_object, message) => void errors.push(message) },
    });
    await runner.start();
    await runner.waitFor(await appendSeen(store, 0, 12));
    await runner.stop();
    expect(await seen('runner_flaky', 'flaky')).toEqual(expected(12));
    expect(errors).toEqual(['projection batch failed; retrying from checkpoint', 'projection batch failed; retrying from checkpoint']);
  });

  it('two runners of one projection on one schema apply each event once', async () => {
    const store = createInMemoryEventStore();
    const projection = seenProjection('pair');
    const runners = [0, 1].map(() => createProjectionRunner({ db, eventStore: store, projection, schema: 'runner_pair', batchSize: 2, retryDelayMs: 10 }));
    // Started together on a fresh schema: their DDL takes turns (two CREATE … IF NOT EXISTS at
    // once used to collide in PostgreSQL's catalogs).
    await Promise.all(runners.map((runner) => runner.start()));
    const last = await appendSeen(store, 0, 30);
    // A runner that catches up by re-reading the other one's checkpoint wakes its waiters too.
    await Promise.all(runners.map((runner) => runner.waitFor(last, 20_000)));
    await Promise.all(runners.map((runner) => runner.stop()));
    expect(await seen('runner_pair', 'pair')).toEqual(expected(30));
  });

  it('a new projection version drops its tables and rebuilds them from event 0', async () => {
    const store = createInMemoryEventStore();
    const v1 = createProjectionRunner({ db, eventStore: store, projection: seenProjection('versioned', 1), schema: 'runner_versioned' });
    await v1.start();
    await v1.waitFor(await appendSeen(store, 0, 8));
    await v1.stop();
    await sql`INSERT INTO runner_versioned.versioned_seen VALUES ('stale', -1)`.execute(db);

    const v2 = createProjectionRunner({ db, eventStore: store, projection: seenProjection('versioned', 2), schema: 'runner_versioned' });
    await v2.start();
    await v2.waitFor(store.log.all.at(-1)!.position);
    await v2.stop();
    expect(await seen('runner_versioned', 'versioned')).toEqual(expected(8));
    expect((await readCheckpoint(db, 'runner_versioned', 'versioned'))?.version).toBe(2);
  });

  it('a group shares one reader and one transaction per batch; a member at an older checkpoint catches up alone', async () => {
    const store = createInMemoryEventStore();
    const ahead = createProjectionRunner({ db, eventStore: store, projection: seenProjection('ahead'), schema: 'runner_group' });
    await ahead.start();
    await ahead.waitFor(await appendSeen(store, 0, 8));
    await ahead.stop();

    // 'behind' is new: the group reads from event 0, and 'ahead' skips what it already has.
    const group = createProjectionRunner({
      db,
      eventStore: store,
      projection: [seenProjection('ahead'), seenProjection('behind')],
      schema: 'runner_group',
      batchSize: 3,
    });
    await group.start();
    await group.waitFor(await appendSeen(store, 8, 8));
    await group.stop();
    expect(await seen('runner_group', 'ahead')).toEqual(expected(16));
    expect(await seen('runner_group', 'behind')).toEqual(expected(16));
    const head = store.log.all.at(-1)!.position;
    expect((await readCheckpoint(db, 'runner_group', 'ahead'))?.position).toEqual(head);
    expect((await readCheckpoint(db, 'runner_group', 'behind'))?.position).toEqual(head);
  });

  it('a failing member rolls the whole batch back: the other member applies nothing twice either', async () => {
    const store = createInMemoryEventStore();
    let failures = 2;
    const group = createProjectionRunner({
      db,
      eventStore: store,
      projection: [seenProjection('steady'), seenProjection('brittle', 1, () => failures-- > 0)],
      schema: 'runner_group_fail',
      batchSize: 4,
      retryDelayMs: 10,
      logger: { info: () => undefined, error: () => undefined },
    });
    await group.start();
    await group.waitFor(await appendSeen(store, 0, 12));
    await group.stop();
    expect(failures).toBeLessThan(0);
    expect(await seen('runner_group_fail', 'steady')).toEqual(expected(12));
    expect(await seen('runner_group_fail', 'brittle')).toEqual(expected(12));
  });
});

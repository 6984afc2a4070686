import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { createChannelCommands, type ChannelCommands } from '@paygate/commands';
import { comparePositions, type EventStore, type GlobalPosition, type RecordedEvent } from '@paygate/domain';
import { createProjectionRunner, subscriptionsProjection, type AnyKysely, type ProjectionRunner } from '@paygate/projections';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { createPostgresEventStore, migrateEventStore } from '../../event-store/index.ts';
import { createPool } from '../../postgres/index.ts';

export const SCHEMA = 'read_model';

/** A clock the test moves by hand; every lifecycle component reads it. */
export type TestClock = { (): Date; set(iso: string): void; advance(ms: number): void };

export const testClock = (start = '2026-01-01T00:00:00.000Z'): TestClock => {
  let now = Date.parse(start);
  const clock = (() => new Date(now)) as TestClock;
  clock.set = (iso) => {
    now = Date.parse(iso);
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
};

export type LifecycleHarness = {
  database: TestDatabase;
  pool: pg.Pool;
  db: AnyKysely;
  eventStore: EventStore;
  clock: TestClock;
  channels: ChannelCommands;
  /** The subscriptions read model, projected live into SCHEMA. */
  projection: ProjectionRunner;
  /** Resolves once the read model has applied everything appended so far. */
  settle(): Promise<void>;
  stream(streamId: string): Promise<RecordedEvent[]>;
  /** Rows in the event table (counted directly, not through $all). */
  eventCount(): Promise<number>;
  close(): Promise<void>;
};

/** A fresh PostgreSQL database with the event store and the subscriptions read model running live. */
export const startLifecycleHarness = async (prefix: string): Promise<LifecycleHarness> => {
  const database = await createTestDatabase(prefix);
  const pool = createPool(database.url, { max: 10 });
  await migrateEventStore(pool);
  const store = createPostgresEventStore({ pool, pollIntervalMs: 50 });
  // $all is read below the server's oldest open transaction (other suites share it): wait for our own last append instead.
  let last: GlobalPosition | undefined;
  const eventStore: EventStore = {
    ...store,
    append: async (streamId, events, options) => {
      const result = await store.append(streamId, events, options);
      if (!last || comparePositions(result.position, last) > 0) last = result.position;
      return result;
    },
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read models are typed per query
  const db: AnyKysely = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  const projection = createProjectionRunner({ db, eventStore, projection: subscriptionsProjection, schema: SCHEMA, batchSize: 2_000 });
  await projection.start();
  const clock = testClock();
  return {
    database,
    pool,
    db,
    eventStore,
    clock,
    channels: createChannelCommands({ eventStore, clock }),
    projection,
    settle: async () => {
      if (last) await projection.waitFor(last, 30_000);
    },
    stream: (streamId) => eventStore.readStream(streamId),
    eventCount: async () => Number((await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM paygate_events')).rows[0]!.n),
    close: async () => {
      await projection.stop();
      await store.close();
      await db.destroy();
      await database.drop();
    },
  };
};

export const typesOf = (events: readonly RecordedEvent[]): string[] => events.map((event) => event.type);

import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { comparePositions, type GlobalPosition } from '@paygate/domain';
import { createInMemoryEventStore, createTestDatabase, type GivenStreams, type InMemoryEventStore } from '@paygate/testkit';
import { compareProjectionSchemas, createProjectionRunner, rebuildProjection, type AnyKysely, type Projection, type ProjectionRunner, type TableDifference } from '../runner/index.ts';

export const LIVE = 'live';

export type ProjectionHarness = {
  db: AnyKysely;
  eventStore: InMemoryEventStore;
  runner: ProjectionRunner;
  /** Appends the events (streams in key order) and waits until the live projection applied them. */
  append(streams: GivenStreams): Promise<void>;
  /** Replays `$all` from event 0 into a fresh schema and lists where it differs from the live one, row for row. */
  rebuildDifferences(): Promise<TableDifference[]>;
  close(): Promise<void>;
};

/**
 * A projection running live, as in production, on a real PostgreSQL (a throwaway database) and
 * fed by the in-memory event store's `$all` subscription.
 */
export const startProjectionHarness = async (projection: Projection, prefix: string): Promise<ProjectionHarness> => {
  const database = await createTestDatabase(prefix);
  const db: AnyKysely = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 4 }) }) });
  const eventStore = createInMemoryEventStore();
  // Small batches, so a test's events cross several transactions and checkpoints.
  const runner = createProjectionRunner({ db, eventStore, projection, schema: LIVE, batchSize: 3, retryDelayMs: 50 });
  await runner.start();
  let last: GlobalPosition | undefined;
  return {
    db,
    eventStore,
    runner,
    async append(streams) {
      for (const [streamId, events] of Object.entries(streams)) {
        if (events.length === 0) continue;
        const { position } = await eventStore.append(
          streamId,
          events.map((event) => ({ id: event.id ?? randomUUID(), type: event.type, data: event.data, metadata: event.metadata ?? {} })),
        );
        if (!last || comparePositions(position, last) > 0) last = position;
      }
      if (last) await runner.waitFor(last, 10_000);
    },
    async rebuildDifferences() {
      await rebuildProjection({ db, eventStore, projection, schema: 'rebuilt', pageSize: 4 });
      return compareProjectionSchemas(db, projection, LIVE, 'rebuilt');
    },
    async close() {
      await runner.stop();
      await eventStore.close();
      await db.destroy();
      await database.drop();
    },
  };
};

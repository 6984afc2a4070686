import { sql, type Transaction } from 'kysely';
import { comparePositions, type EventStore, type GlobalPosition, type RecordedEvent } from '@paygate/domain';
import { ensureCheckpointTable, readCheckpoint, writeCheckpoint } from './checkpoints.ts';
import { createBatcher } from './next-batch.ts';
import type { AnyKysely, Projection } from './projection.ts';

export type ProjectionLogger = {
  debug?(object: Record<string, unknown>, message: string): void;
  info(object: Record<string, unknown>, message: string): void;
  error(object: Record<string, unknown>, message: string): void;
};

export type ProjectionRunnerOptions = {
  db: AnyKysely;
  eventStore: EventStore;
  projection: Projection;
  /** Schema holding the projection's tables and checkpoint; a rebuild uses a fresh one. */
  schema?: string;
  batchSize?: number;
  retryDelayMs?: number;
  logger?: ProjectionLogger;
};

export type ProjectionRunner = {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The position of the last event this runner committed. */
  position(): GlobalPosition | undefined;
  /** Resolves once the checkpoint has reached `position`. */
  waitFor(position: GlobalPosition, timeoutMs?: number): Promise<void>;
};

/** At most this long between stored checkpoints while only ignored events pass. */
const CHECKPOINT_IDLE_MS = 2_000;

// Another runner of the same projection committed a batch first: restart from its checkpoint.
class CheckpointMoved extends Error {}

/** Prepares the schema: tables, checkpoint table, and a reset when the projection's version changed. */
export const prepareProjection = (db: AnyKysely, projection: Projection, schema: string): Promise<GlobalPosition | undefined> => {
  // Inside a caller's transaction (migrate's), that caller holds the lock already.
  if (db.isTransaction) return prepareLocked(db, projection, schema);
  return db.transaction().execute(async (trx) => {
    // Runners in this and other processes prepare one at a time (the lock migrate uses too):
    // concurrent CREATE … IF NOT EXISTS can still collide in PostgreSQL's catalogs.
    await sql`SELECT pg_advisory_xact_lock(hashtext('paygate_schema_migrations'), hashtext('read models'))`.execute(trx);
    return prepareLocked(trx, projection, schema);
  });
};

const prepareLocked = async (trx: AnyKysely, projection: Projection, schema: string): Promise<GlobalPosition | undefined> => {
  await ensureCheckpointTable(trx, schema);
  const stored = await readCheckpoint(trx, schema, projection.name);
  if (stored && stored.version !== projection.version) {
    for (const table of projection.tables) await sql`DROP TABLE IF EXISTS ${sql.id(schema, table)} CASCADE`.execute(trx);
    await writeCheckpoint(trx, schema, projection.name, projection.version, undefined);
  }
  for (const statement of projection.ddl(schema)) await sql.raw(statement).execute(trx);
  if (!stored) await writeCheckpoint(trx, schema, projection.name, projection.version, undefined);
  return (stored?.version === projection.version ? stored.position : undefined) ?? undefined;
};

/**
 * Feeds `$all` into one projection. Each batch is one transaction holding the rows and the
 * checkpoint, so every event lands exactly once even if the process dies mid-batch.
 */
export const createProjectionRunner = (options: ProjectionRunnerOptions): ProjectionRunner => {
  const { db, eventStore, projection, schema = 'public', batchSize = 500, retryDelayMs = 500, logger } = options;
  const handled = new Set(projection.handles);
  let current: GlobalPosition | undefined;
  // The checkpoint as stored; it lags `current` while only events this projection ignores pass.
  let persisted: GlobalPosition | undefined;
  let skippedSince = 0;
  let stopped = false;
  let loop: Promise<void> | undefined;
  let closeSubscription: (() => Promise<void>) | undefined;
  const waiters = new Set<() => void>();

  /** One transaction: check no other runner moved the checkpoint since `persisted`, apply, store `position`. */
  const storeCheckpoint = (position: GlobalPosition, apply: (trx: Transaction<unknown>) => Promise<void>) =>
    db.transaction().execute(async (trx) => {
      const stored = (await readCheckpoint(trx, schema, projection.name, { lock: true }))?.position;
      const same = stored && persisted ? comparePositions(stored, persisted) === 0 : stored === persisted;
      if (!same) throw new CheckpointMoved();
      await apply(trx);
      await writeCheckpoint(trx, schema, projection.name, projection.version, position);
    });

  const advance = (position: GlobalPosition) => {
    current = position;
    for (const wake of waiters) wake();
  };

  const commitBatch = async (batch: readonly RecordedEvent[]) => {
    const last = batch.at(-1)!.position;
    // A batch with nothing to apply moves the position in memory only: writing a checkpoint per
    // foreign batch cost every projection a transaction per append. The stored checkpoint catches
    // up with the next applied batch or after a while; a restart merely re-reads ignored events.
    if (!batch.some((event) => handled.has(event.type)) && Date.now() - skippedSince < CHECKPOINT_IDLE_MS) {
      advance(last);
      return;
    }
    await storeCheckpoint(last, async (trx) => {
      const scoped = trx.withSchema(schema);
      for (const event of batch) if (handled.has(event.type)) await projection.apply(scoped, event);
    });
    persisted = last;
    skippedSince = Date.now();
    advance(last);
  };

  // Quiet for a while after ignored events: store where we are, so the checkpoint shows real lag.
  const storeSkippedPosition = async () => {
    if (!current || (persisted && comparePositions(current, persisted) === 0)) return;
    const position = current;
    await storeCheckpoint(position, async () => undefined);
    persisted = position;
    skippedSince = Date.now();
  };

  const runOnce = async () => {
    const subscription = eventStore.subscribeToAll(current ? { after: current } : {});
    closeSubscription = () => subscription.close();
    const nextBatch = createBatcher(subscription[Symbol.asyncIterator]());
    try {
      while (!stopped) {
        const batch = await nextBatch(batchSize, CHECKPOINT_IDLE_MS);
        if (batch === null) {
          await storeSkippedPosition();
          continue;
        }
        if (batch.length === 0) return;
        await commitBatch(batch);
      }
    } finally {
      await subscription.close();
    }
  };

  const run = async () => {
    while (!stopped) {
      try {
        await runOnce();
      } catch (error) {
        if (stopped) return;
        if (!(error instanceof CheckpointMoved)) {
          logger?.error({ projection: projection.name, err: error }, 'projection batch failed; retrying from checkpoint');
          await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
        }
        persisted = (await readCheckpoint(db, schema, projection.name).catch(() => undefined))?.position ?? persisted;
        // Another runner moved the checkpoint on: whoever waits for a position may be there already.
        if (persisted) advance(persisted);
        else current = persisted;
      }
    }
  };

  return {
    start: async () => {
      current = await prepareProjection(db, projection, schema);
      persisted = current;
      skippedSince = Date.now();
      logger?.debug?.({ projection: projection.name, schema, from: current && `${current.commit}/${current.prepare}` }, 'projection starting');
      loop = run();
    },
    stop: async () => {
      stopped = true;
      await closeSubscription?.();
      await loop;
    },
    position: () => current,
    waitFor: (position, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (current && comparePositions(current, position) >= 0) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`projection ${projection.name} did not reach ${position.commit}/${position.prepare} in ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
};

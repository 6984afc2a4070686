import { type Transaction } from 'kysely';
import { comparePositions, type EventStore, type GlobalPosition, type RecordedEvent } from '@paygate/domain';
import { lockCheckpoints, readCheckpoint, writeCheckpoints } from './checkpoints.ts';
import { createBatcher } from './next-batch.ts';
import { prepareProjection } from './prepare-projection.ts';
import { applyRowGroup } from '../rows/row-projection.ts';
import { applyEvents, type AnyKysely, type Projection } from './projection.ts';


export type ProjectionLogger = {
  debug?(object: Record<string, unknown>, message: string): void;
  info(object: Record<string, unknown>, message: string): void;
  error(object: Record<string, unknown>, message: string): void;
};

export type ProjectionRunnerOptions = {
  db: AnyKysely;
  eventStore: EventStore;
  /** One projection, or a group fed by one `$all` reader with one transaction per batch. */
  projection: Projection | readonly Projection[];
  /** Schema holding the projections' tables and checkpoints; a rebuild uses a fresh one. */
  schema?: string;
  batchSize?: number;
  retryDelayMs?: number;
  logger?: ProjectionLogger;
};

export type ProjectionRunner = {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The position every projection of the runner has reached. */
  position(): GlobalPosition | undefined;
  /** Resolves once every projection of the runner has reached `position`. */
  waitFor(position: GlobalPosition, timeoutMs?: number): Promise<void>;
};

/** At most this long between stored checkpoints while only ignored events pass. */
const CHECKPOINT_IDLE_MS = 2_000;

// Another runner of the same projections committed a batch first: restart from the checkpoints.
class CheckpointMoved extends Error {}

type Member = { projection: Projection; handled: Set<string>; current?: GlobalPosition; persisted?: GlobalPosition };

const isAfter = (position: GlobalPosition, than: GlobalPosition | undefined) => !than || comparePositions(position, than) > 0;
const samePosition = (a: GlobalPosition | undefined, b: GlobalPosition | undefined) => (a && b ? comparePositions(a, b) === 0 : a === b);

/**
 * Feeds `$all` into a group of projections through one subscription. Each batch is one
 * transaction holding every projection's rows and checkpoint, so each event lands exactly once
 * even if the process dies mid-batch. Projections may stand at different checkpoints (a new
 * version rebuilds from event 0): the group reads from the earliest and each skips what it has.
 */
export const createProjectionRunner = (options: ProjectionRunnerOptions): ProjectionRunner => {
  // Catching up, a batch folds up to 5,000 events into its rows; live batches are what has arrived.
  const { db, eventStore, schema = 'public', batchSize = 5_000, retryDelayMs = 500, logger } = options;
  const projections: readonly Projection[] = Array.isArray(options.projection) ? options.projection : [options.projection as Projection];
  const members: Member[] = projections.map((projection) => ({ projection, handled: new Set(projection.handles) }));
  const names = members.map((member) => member.projection.name);
  const label = names.join(',');
  let skippedSince = 0;
  let stopped = false;
  let loop: Promise<void> | undefined;
  let closeSubscription: (() => Promise<void>) | undefined;
  const waiters = new Set<() => void>();

  /** Where every member has been: the group's subscription resumes after it. */
  const groupPosition = (): GlobalPosition | undefined =>
    members.reduce<GlobalPosition | undefined>((lowest, { current }, index) => {
      if (!current) return undefined;
      return index === 0 || (lowest && comparePositions(current, lowest) < 0) ? current : lowest;
    }, undefined);

  const wake = () => {
    for (const waiter of waiters) waiter();
  };

  const advance = (position: GlobalPosition) => {
    for (const member of members) if (isAfter(position, member.current)) member.current = position;
    wake();
  };

  /** One transaction: check no other runner moved a checkpoint, apply, store `position` for every member behind it. */
  const storeCheckpoints = async (position: GlobalPosition, apply: (trx: Transaction<unknown>) => Promise<void>) => {
    const behind = members.filter((member) => isAfter(position, member.persisted));
    await db.transaction().execute(async (trx) => {
      const stored = await lockCheckpoints(trx, schema, names);
      if (members.some((member) => !samePosition(stored.get(member.projection.name), member.persisted))) throw new CheckpointMoved();
      await apply(trx);
      const checkpoints = behind.map(({ projection }) => ({ projection: projection.name, version: projection.version, position }));
      await writeCheckpoints(trx, schema, checkpoints);
    });
    for (const member of behind) member.persisted = position;
    skippedSince = Date.now();
  };

  const commitBatch = async (batch: readonly RecordedEvent[]) => {
    const last = batch.at(-1)!.position;
    const work = members.map((member) => ({
      member,
      events: batch.filter((event) => member.handled.has(event.type) && isAfter(event.position, member.current)),
    }));
    // A batch with nothing to apply moves the positions in memory only: a checkpoint per
    // foreign batch would cost a transaction per append. The stored checkpoints catch up with
    // the next applied batch or after a while; a restart merely re-reads ignored events.
    if (work.every(({ events }) => events.length === 0) && Date.now() - skippedSince < CHECKPOINT_IDLE_MS) {
      advance(last);
      return;
    }
    await storeCheckpoints(last, async (trx) => {
      const scoped = trx.withSchema(schema);
      // Row folds share one load and one write for the whole group; others apply in turn.
      const rowWork = work.flatMap(({ member, events }) => (member.projection.rows ? [{ projection: member.projection.rows, events }] : []));
      await applyRowGroup(scoped, schema, rowWork);
      for (const { member, events } of work) if (!member.projection.rows) await applyEvents(member.projection, scoped, events, schema);
    });
    advance(last);
  };

  // Quiet for a while after ignored events: store where we are, so the checkpoints show real lag.
  const storeSkippedPosition = async () => {
    const position = groupPosition();
    if (!position || members.every((member) => !isAfter(position, member.persisted))) return;
    await storeCheckpoints(position, async () => undefined);
  };

  const runOnce = async () => {
    const from = groupPosition();
    const subscription = eventStore.subscribeToAll(from ? { after: from } : {});
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

  /** After a failure or another runner's commit: every member resumes from its stored checkpoint. */
  const reloadCheckpoints = async () => {
    for (const member of members) {
      const stored = await readCheckpoint(db, schema, member.projection.name).catch(() => undefined);
      if (!stored) continue;
      member.persisted = stored.position;
      member.current = stored.position;
    }
    // Another runner moved the checkpoints on: whoever waits for a position may be there already.
    wake();
  };

  const run = async () => {
    while (!stopped) {
      try {
        await runOnce();
      } catch (error) {
        if (stopped) return;
        if (!(error instanceof CheckpointMoved)) {
          logger?.error({ projection: label, err: error }, 'projection batch failed; retrying from checkpoint');
          await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
        }
        await reloadCheckpoints();
      }
    }
  };

  return {
    start: async () => {
      for (const member of members) {
        member.current = await prepareProjection(db, member.projection, schema);
        member.persisted = member.current;
      }
      skippedSince = Date.now();
      const from = groupPosition();
      logger?.debug?.({ projection: label, schema, from: from && `${from.commit}/${from.prepare}` }, 'projection starting');
      loop = run();
    },
    stop: async () => {
      stopped = true;
      await closeSubscription?.();
      await loop;
    },
    position: groupPosition,
    waitFor: (position, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          const reached = groupPosition();
          if (reached && comparePositions(reached, position) >= 0) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`projection ${label} did not reach ${position.commit}/${position.prepare} in ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
};

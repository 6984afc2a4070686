import { sql } from 'kysely';
import { comparePositions, type EventStore, type GlobalPosition, type RecordedEvent } from '@paygate/domain';
import { writeTables, type TableWrite } from '../rows/row-io.ts';
import { writeCheckpoints } from './checkpoints.ts';
import { applyEvents, type AnyKysely, type Projection } from './projection.ts';
import { readPages } from './replay-pages.ts';
import { createReplayRows } from './replay-rows.ts';
import { createShadowSchema } from './replay-shadow-schema.ts';

export type ReplayOptions = {
  db: AnyKysely;
  eventStore: EventStore;
  projections: readonly Projection[];
  /** The shadow schema: dropped and recreated, never the live one. */
  schema: string;
  /** Events per page and per transaction (each row written folds every event of the page that touches it). */
  pageSize?: number;
  /** Rows kept in memory between pages (see createReplayRows). */
  cacheRows?: number;
  /** After each committed page: how many events so far and the position reached. */
  onProgress?(progress: { events: number; position: GlobalPosition }): void;
};

export type ShadowReplay = {
  schema: string;
  /** Events applied so far (handled or not). */
  events(): number;
  /** Where the shadow stands: every projection has seen `$all` up to here. */
  position(): GlobalPosition | undefined;
  /** The last event each projection handles at or before `position()`; absent when it handled none. */
  lastHandled(name: string): GlobalPosition | undefined;
  /** Applies `$all` after `position()` up to `until` (inclusive; undefined: to the end as read). */
  advanceTo(until: GlobalPosition | undefined): Promise<GlobalPosition | undefined>;
  drop(): Promise<void>;
};

type Member = { projection: Projection; handled: Set<string>; last?: GlobalPosition };

/**
 * Replays read models from event 0 into a shadow schema, every projection fed from one `$all`
 * read in large pages. Three stages overlap: PostgreSQL reads page N+2 and writes page N (one
 * transaction: one set-based write for every row fold, and each projection's checkpoint, so the
 * shadow says where it stands) while Node folds page N+1 over the rows it keeps in memory.
 * Only `schema` is written: a replay that fails midway leaves the live read models as they were,
 * and the next replay starts the shadow afresh.
 */
export const startShadowReplay = async (options: ReplayOptions): Promise<ShadowReplay> => {
  const { db, eventStore, projections, schema, pageSize = 50_000, cacheRows = 100_000, onProgress } = options;
  await createShadowSchema(db, projections, schema);
  const members: Member[] = projections.map((projection) => ({ projection, handled: new Set(projection.handles) }));
  const rowFolds = projections.flatMap((projection) => (projection.rows ? [projection.rows] : []));
  const rows = createReplayRows(rowFolds, schema, cacheRows);
  let position: GlobalPosition | undefined;
  let events = 0;
  let pages = 0;
  let writing: Promise<void> = Promise.resolve();

  const write = async (page: number, batch: readonly RecordedEvent[], writes: TableWrite[]) => {
    const last = batch.at(-1)!.position;
    await db.transaction().execute(async (trx) => {
      await writeTables(trx.withSchema(schema), schema, writes);
      for (const { projection, handled } of members) {
        if (!projection.rows) await applyEvents(projection, trx.withSchema(schema), batch.filter((event) => handled.has(event.type)), schema);
      }
      const checkpoints = members.map(({ projection }) => ({ projection: projection.name, version: projection.version, position: last }));
      await writeCheckpoints(trx, schema, checkpoints);
    });
    rows.committed(page);
    for (const member of members) {
      const handled = batch.findLast((event) => member.handled.has(event.type));
      if (handled) member.last = handled.position;
    }
    position = last;
    events += batch.length;
    onProgress?.({ events, position });
  };

  const applyPage = async (batch: readonly RecordedEvent[]) => {
    const page = pages++;
    const writes = await rows.fold(db, page, batch);
    // One write in flight: page N+1 is written after page N committed, never beside it.
    await writing;
    writing = write(page, batch, writes);
    // Surfaces at the next page or at the end of advanceTo, never as an unhandled rejection.
    writing.catch(() => undefined);
  };

  return {
    schema,
    events: () => events,
    position: () => position,
    lastHandled: (name) => members.find((member) => member.projection.name === name)?.last,
    advanceTo: async (until) => {
      if (until && position && comparePositions(position, until) >= 0) return position;
      try {
        await readPages({ eventStore, after: position, until, pageSize, onPage: applyPage });
      } finally {
        await writing.catch(() => undefined);
      }
      await writing;
      return position;
    },
    drop: async () => {
      await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
    },
  };
};

import { sql } from 'kysely';
import { comparePositions, type EventStore, type GlobalPosition, type RecordedEvent } from '@paygate/domain';
import { applyRowGroup, type RowWork } from '../rows/row-projection.ts';
import { writeCheckpoints } from './checkpoints.ts';
import { prepareProjection } from './prepare-projection.ts';
import { applyEvents, type AnyKysely, type Projection } from './projection.ts';
import { readPages } from './replay-pages.ts';

export type ReplayOptions = {
  db: AnyKysely;
  eventStore: EventStore;
  projections: readonly Projection[];
  /** The shadow schema: dropped and recreated, never the live one. */
  schema: string;
  /** Events per page and per transaction (each row written folds every event of the page that touches it). */
  pageSize?: number;
  /** After each page: how many events so far and the position reached. */
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
 * read: large pages read one ahead, each page one transaction with one set-based load and one
 * write for all row folds, and a checkpoint per projection (so the shadow says where it stands).
 * Only `schema` is written: a replay that fails midway leaves the live read models as they were,
 * and the next replay starts the shadow afresh.
 */
export const startShadowReplay = async (options: ReplayOptions): Promise<ShadowReplay> => {
  const { db, eventStore, projections, schema, pageSize = 50_000, onProgress } = options;
  await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
  for (const projection of projections) await prepareProjection(db, projection, schema);
  const members: Member[] = projections.map((projection) => ({ projection, handled: new Set(projection.handles) }));
  let position: GlobalPosition | undefined;
  let events = 0;

  const applyPage = async (page: readonly RecordedEvent[]) => {
    const last = page.at(-1)!.position;
    const work = members.map((member) => ({ member, events: page.filter((event) => member.handled.has(event.type)) }));
    await db.transaction().execute(async (trx) => {
      const scoped = trx.withSchema(schema);
      const rowWork: RowWork[] = work.flatMap(({ member, events }) => (member.projection.rows ? [{ projection: member.projection.rows, events }] : []));
      await applyRowGroup(scoped, schema, rowWork);
      for (const { member, events } of work) if (!member.projection.rows) await applyEvents(member.projection, scoped, events, schema);
      await writeCheckpoints(
        trx,
        schema,
        members.map(({ projection }) => ({ projection: projection.name, version: projection.version, position: last })),
      );
    });
    for (const { member, events } of work) if (events.length > 0) member.last = events.at(-1)!.position;
    position = last;
    events += page.length;
    onProgress?.({ events, position });
  };

  return {
    schema,
    events: () => events,
    position: () => position,
    lastHandled: (name) => members.find((member) => member.projection.name === name)?.last,
    advanceTo: async (until) => {
      if (until && position && comparePositions(position, until) >= 0) return position;
      return readPages({ eventStore, after: position, until, pageSize, onPage: applyPage });
    },
    drop: async () => {
      await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(db);
    },
  };
};

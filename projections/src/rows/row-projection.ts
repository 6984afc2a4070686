import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@paygate/domain';
import type { Projection } from '../runner/projection.ts';
import { loadTables, writeTables, type TableLoad, type TableWrite } from './row-io.ts';
import { createRowSet, type Row, type RowSet, type TableKey } from './row-set.ts';

/**
 * A read model written as a pure fold over rows: `touches` names the rows an event reads or
 * writes, `evolve` changes them in memory. A batch then costs one load and one write, whatever
 * its length and however many tables (set-based), and `evolve` is testable without a database.
 */
export type RowProjection = {
  name: string;
  version: number;
  /** Tables with their primary key columns. */
  keys: Readonly<Record<string, readonly string[]>>;
  ddl(schema: string): readonly string[];
  handles: readonly string[];
  touches(event: RecordedEvent): readonly TableKey[];
  evolve(rows: RowSet, event: RecordedEvent): void;
};

export type RowWork = { projection: RowProjection; events: readonly RecordedEvent[] };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are named at run time
type Db = Kysely<any>;

/**
 * Folds each projection's events over the stored rows they touch and writes back what changed:
 * one statement loads the rows of every table, one writes them all (a runner's whole group).
 */
export const applyRowGroup = async (db: Db, schema: string, work: readonly RowWork[]): Promise<void> => {
  const folds = work
    .filter(({ events }) => events.length > 0)
    .map(({ projection, events }) => ({ projection, events, keyColumns: new Map(Object.entries(projection.keys)) }))
    .map((fold) => ({ ...fold, set: createRowSet(fold.keyColumns) }));
  const loads: TableLoad[] = [];
  for (const { projection, events, keyColumns } of folds) {
    const wanted = new Map<string, Map<string, Row>>();
    for (const event of events) {
      for (const { table, key } of projection.touches(event)) {
        let keys = wanted.get(table);
        if (!keys) wanted.set(table, (keys = new Map()));
        keys.set(JSON.stringify(keyColumns.get(table)!.map((column) => String(key[column]))), key);
      }
    }
    for (const [table, keys] of wanted) loads.push({ table, key: keyColumns.get(table)!, keys: [...keys.values()] });
  }
  const stored = await loadTables(db, schema, loads);
  const writes: TableWrite[] = [];
  for (const { projection, events, keyColumns, set } of folds) {
    for (const table of keyColumns.keys()) for (const row of stored.get(table) ?? []) set.loaded(table, row);
    for (const event of events) projection.evolve(set.rows, event);
    for (const [table, changes] of set.changes()) writes.push({ table, key: keyColumns.get(table)!, changes });
  }
  await writeTables(db, schema, writes);
};

/** One projection's batch (see applyRowGroup). */
export const applyRowBatch = (projection: RowProjection, db: Db, events: readonly RecordedEvent[], schema: string): Promise<void> =>
  applyRowGroup(db, schema, [{ projection, events }]);

/** The runner's view of a row projection: `rows` is the fold (applied set-based); `apply` is one event as a batch of one. */
export const rowProjection = (projection: RowProjection): Projection & { rows: RowProjection } => ({
  rows: projection,
  name: projection.name,
  version: projection.version,
  tables: Object.keys(projection.keys),
  ddl: projection.ddl,
  handles: projection.handles,
  apply: (db, event, schema) => applyRowBatch(projection, db, [event], schema),
});

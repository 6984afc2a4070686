import type { QueryCreator } from 'kysely';
import type { RecordedEvent } from '@paygate/domain';
import type { Projection } from '../runner/projection.ts';
import { loadRows, writeRows } from './row-io.ts';
import { createRowSet, type Row, type RowSet, type TableKey } from './row-set.ts';

/**
 * A read model written as a pure fold over rows: `touches` names the rows an event reads or
 * writes, `evolve` changes them in memory. A batch then costs one load and one write per table,
 * whatever its length (set-based), and `evolve` is testable without a database.
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are named at run time
type Db = QueryCreator<any>;

/** Folds `events` over the stored rows they touch and writes back what changed. */
export const applyRowBatch = async (projection: RowProjection, db: Db, events: readonly RecordedEvent[], schema: string): Promise<void> => {
  const keyColumns = new Map(Object.entries(projection.keys));
  const set = createRowSet(keyColumns);
  const wanted = new Map<string, Map<string, Row>>();
  for (const event of events) {
    for (const { table, key } of projection.touches(event)) {
      const columns = keyColumns.get(table)!;
      let keys = wanted.get(table);
      if (!keys) wanted.set(table, (keys = new Map()));
      keys.set(JSON.stringify(columns.map((column) => String(key[column]))), key);
    }
  }
  for (const [table, keys] of wanted) {
    for (const row of await loadRows(db, schema, table, keyColumns.get(table)!, [...keys.values()])) set.loaded(table, row);
  }
  for (const event of events) projection.evolve(set.rows, event);
  for (const [table, changes] of set.changes()) await writeRows(db, schema, table, keyColumns.get(table)!, changes);
};

/** The runner's view of a row projection: set-based batches, and one event as a batch of one; `rows` is the fold itself. */
export const rowProjection = (projection: RowProjection): Projection & { rows: RowProjection } => ({
  rows: projection,
  name: projection.name,
  version: projection.version,
  tables: Object.keys(projection.keys),
  ddl: projection.ddl,
  handles: projection.handles,
  apply: (db, event, schema) => applyRowBatch(projection, db, [event], schema),
  applyBatch: (db, events, schema) => applyRowBatch(projection, db, events, schema),
});

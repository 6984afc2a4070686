import type { RecordedEvent } from '@paygate/domain';
import type { RowProjection } from '../rows/row-projection.ts';
import { loadTables, type TableLoad, type TableWrite } from '../rows/row-io.ts';
import { createRowSet, type Row } from '../rows/row-set.ts';
import type { AnyKysely } from './projection.ts';

type Cached = { row: Row; page: number };
type Fold = { projection: RowProjection; handles: Set<string>; keyColumns: Map<string, readonly string[]> };

// One-column keys (most tables) skip building and stringifying an array: fewer allocations per touch.
const keyOf = (columns: readonly string[], row: Row) =>
  columns.length === 1 ? String(row[columns[0]!]) : JSON.stringify(columns.map((column) => String(row[column])));

/**
 * The row folds of a replay, with the rows they wrote kept in memory: the replay is the shadow's
 * only writer, so a row it wrote needs no load (and a key it never wrote none either) — only rows
 * pushed out of the cache are read back. A row leaves the cache only once the page that last
 * wrote it has committed, so the next page can be folded while the previous one is still being
 * written. `capacity` bounds the rows kept (the replay's memory).
 */
export const createReplayRows = (projections: readonly RowProjection[], schema: string, capacity: number) => {
  const folds: Fold[] = projections.map((projection) => ({ projection, handles: new Set(projection.handles), keyColumns: new Map(Object.entries(projection.keys)) }));
  const cache = new Map<string, Map<string, Cached>>();
  const stored = new Map<string, Set<string>>();
  const foldsOf = new Map<string, number[]>();
  let size = 0;
  let committedPage = -1;
  // A page may commit while the next one is folding (during its load): evicting then would drop
  // rows the fold found in the cache before the load and reads after it, so eviction waits for it.
  let folding = false;
  const tableCache = (table: string) => cache.get(table) ?? cache.set(table, new Map()).get(table)!;
  const tableStored = (table: string) => stored.get(table) ?? stored.set(table, new Set()).get(table)!;

  const evict = () => {
    for (const entries of cache.values()) {
      for (const [key, cached] of entries) {
        if (size <= capacity || cached.page > committedPage) break;
        entries.delete(key);
        size--;
      }
    }
  };

  const foldPage = async (db: AnyKysely, page: number, events: readonly RecordedEvent[]): Promise<TableWrite[]> => {
    // One pass over the page: each event to the folds that handle its type.
    const byFold = folds.map((): RecordedEvent[] => []);
    for (const event of events) {
      let targets = foldsOf.get(event.type);
      if (!targets) foldsOf.set(event.type, (targets = folds.flatMap((fold, index) => (fold.handles.has(event.type) ? [index] : []))));
      for (const index of targets) byFold[index]!.push(event);
    }
    const work = folds.map((fold, index) => {
      const handled = byFold[index]!;
      // Every row the page touches, by table and key, once.
      const touched = new Map<string, Map<string, Row>>();
      for (const event of handled) {
        for (const { table, key } of fold.projection.touches(event)) {
          const keys = touched.get(table) ?? touched.set(table, new Map()).get(table)!;
          keys.set(keyOf(fold.keyColumns.get(table)!, key), key);
        }
      }
      return { ...fold, handled, touched };
    });
    const loads: TableLoad[] = [];
    for (const { keyColumns, touched } of work) {
      for (const [table, keys] of touched) {
        const entries = tableCache(table);
        const written = tableStored(table);
        // A loop, not [...keys].filter().map(): no pair array per touched row, on every page.
        const missing: Row[] = [];
        for (const [id, key] of keys) if (!entries.has(id) && written.has(id)) missing.push(key);
        if (missing.length > 0) loads.push({ table, key: keyColumns.get(table)!, keys: missing });
      }
    }
    if (loads.length > 0) {
      for (const [table, rows] of await loadTables(db, schema, loads)) {
        const columns = work.find(({ keyColumns }) => keyColumns.has(table))!.keyColumns.get(table)!;
        for (const row of rows) {
          tableCache(table).set(keyOf(columns, row), { row, page: committedPage });
          size++;
        }
      }
    }
    const writes: TableWrite[] = [];
    for (const { projection, keyColumns, handled, touched } of work) {
      if (handled.length === 0) continue;
      const set = createRowSet(keyColumns);
      for (const [table, keys] of touched) {
        const entries = tableCache(table);
        for (const id of keys.keys()) {
          const cached = entries.get(id);
          if (cached) set.loaded(table, cached.row);
        }
      }
      for (const event of handled) projection.evolve(set.rows, event);
      for (const [table, changes] of set.changes()) {
        const columns = keyColumns.get(table)!;
        const entries = tableCache(table);
        const written = tableStored(table);
        for (const row of changes.upserts) {
          const id = keyOf(columns, row);
          if (!entries.delete(id)) size++;
          entries.set(id, { row, page });
          written.add(id);
        }
        for (const key of changes.deletes) {
          const id = keyOf(columns, key);
          if (entries.delete(id)) size--;
          written.delete(id);
        }
        writes.push({ table, key: columns, changes });
      }
    }
    return writes;
  };

  return {
    /** Page `page`'s changes for every fold, computed in memory (loading only rows pushed out of the cache). */
    async fold(db: AnyKysely, page: number, events: readonly RecordedEvent[]): Promise<TableWrite[]> {
      folding = true;
      try {
        return await foldPage(db, page, events);
      } finally {
        folding = false;
        evict();
      }
    },
    /** Page `page` is committed: rows it wrote may now leave the cache. */
    committed(page: number) {
      committedPage = page;
      if (!folding) evict();
    },
  };
};

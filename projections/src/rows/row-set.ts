/** A read-model row as plain values: text, numbers, booleans, arrays, null (timestamps as ISO text). */
export type Row = Record<string, unknown>;

export type TableKey = { table: string; key: Row };

/** The rows a batch works on, in memory: what it loaded, and what it put or deleted since. */
export type RowSet = {
  get(table: string, key: Row): Row | undefined;
  /** Puts the whole row (key columns included); the batch writes it at the end. */
  put(table: string, row: Row): void;
  delete(table: string, key: Row): void;
};

type Entry = { row: Row | undefined; loaded: boolean; changed: boolean };

export type TableChanges = { upserts: Row[]; deletes: Row[] };

/** Builds the in-memory rows of one batch; `changes` lists what to write back, per table. */
export const createRowSet = (keyColumns: ReadonlyMap<string, readonly string[]>) => {
  const tables = new Map<string, Map<string, Entry>>();
  const columnsOf = (table: string) => {
    const columns = keyColumns.get(table);
    if (!columns) throw new Error(`row set: unknown table ${table}`);
    return columns;
  };
  // One-column keys (most tables) are the value's text: no array to build and stringify per get/put.
  const keyOf = (table: string, row: Row) => {
    const columns = columnsOf(table);
    return columns.length === 1 ? String(row[columns[0]!]) : JSON.stringify(columns.map((column) => String(row[column])));
  };
  const keyFromId = (table: string, id: string): Row => {
    const columns = columnsOf(table);
    if (columns.length === 1) return { [columns[0]!]: id };
    const values = JSON.parse(id) as string[];
    return Object.fromEntries(columns.map((column, index) => [column, values[index]]));
  };
  const entries = (table: string) => {
    let entriesOfTable = tables.get(table);
    if (!entriesOfTable) tables.set(table, (entriesOfTable = new Map()));
    return entriesOfTable;
  };

  const rows: RowSet = {
    get: (table, key) => entries(table).get(keyOf(table, key))?.row,
    put: (table, row) => {
      const id = keyOf(table, row);
      const entry = entries(table).get(id);
      entries(table).set(id, { row: { ...row }, loaded: entry?.loaded ?? false, changed: true });
    },
    delete: (table, key) => {
      const id = keyOf(table, key);
      const entry = entries(table).get(id);
      if (entry?.row) entries(table).set(id, { row: undefined, loaded: entry.loaded, changed: true });
    },
  };

  return {
    rows,
    /** Records a row as it is stored (before the batch); a key with no row stays absent. */
    loaded(table: string, row: Row) {
      entries(table).set(keyOf(table, row), { row, loaded: true, changed: false });
    },
    changes(): Map<string, TableChanges> {
      const result = new Map<string, TableChanges>();
      for (const [table, entriesOfTable] of tables) {
        const changes: TableChanges = { upserts: [], deletes: [] };
        for (const [id, entry] of entriesOfTable) {
          if (!entry.changed) continue;
          if (entry.row) changes.upserts.push(entry.row);
          else if (entry.loaded) changes.deletes.push(keyFromId(table, id));
        }
        if (changes.upserts.length + changes.deletes.length > 0) result.set(table, changes);
      }
      return result;
    },
  };
};

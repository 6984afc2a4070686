import type { AnyKysely } from '../runner/index.ts';

/** A read-only view of the read models as of one moment, for reads that span many queries. */
export type ReadSnapshot = { db: AnyKysely; close(): Promise<void> };

/**
 * Opens a REPEATABLE READ, READ ONLY transaction: every query through `db` sees the same
 * committed state, so a keyset walk over many pages (a CSV export) neither skips a row that moved
 * ahead of its cursor nor repeats one. It holds a pooled connection until `close`, which ends it.
 */
export const openReadSnapshot = async (db: AnyKysely): Promise<ReadSnapshot> => {
  const transaction = await db.startTransaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute();
  let closed = false;
  return {
    db: transaction,
    close: async () => {
      if (closed) return;
      closed = true;
      await transaction.rollback().execute();
    },
  };
};

import type { RecordedEvent } from '@paygate/domain';
import type { Kysely } from 'kysely';
import { applyRowGroup, type RowProjection } from '../rows/row-projection.ts';

/**
 * A read model: the tables it owns and how each event changes them. `apply` gets a query
 * creator scoped to the projection's schema inside the batch's transaction (and the schema's
 * name, for raw SQL, which kysely's withSchema does not rewrite), so a rebuild can write the
 * same rows into a fresh schema and be compared with the live one.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- read models are typed per projection
export type Projection<DB = any> = {
  name: string;
  /** Bump when the tables or the meaning of `apply` change: the runner then rebuilds from event 0. */
  version: number;
  /** Tables this projection owns (in its schema); used for rebuild comparison and reset. */
  tables: readonly string[];
  /** DDL creating the tables in `schema`; must be idempotent (IF NOT EXISTS). */
  ddl(schema: string): readonly string[];
  /** Event types applied; other events only advance the checkpoint. */
  handles: readonly string[];
  apply(db: Kysely<DB>, event: RecordedEvent, schema: string): Promise<void>;
  /**
   * A row fold (see rowProjection): a batch is applied set-based, in one load and one write for
   * every row fold of a runner's group. Without it, `apply` runs per event in the same transaction.
   */
  rows?: RowProjection;
};

/** Applies the handled events of a batch, set-based where the projection can. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each projection types its own tables
export const applyEvents = async (projection: Projection, db: Kysely<any>, events: readonly RecordedEvent[], schema: string): Promise<void> => {
  if (events.length === 0) return;
  if (projection.rows) return applyRowGroup(db, schema, [{ projection: projection.rows, events }]);
  for (const event of events) await projection.apply(db, event, schema);
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKysely = Kysely<any>;

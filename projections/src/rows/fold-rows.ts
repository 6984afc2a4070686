import type { RecordedEvent } from '@paygate/domain';
import type { RowProjection } from './row-projection.ts';
import { createRowSet, type Row } from './row-set.ts';

/** Folds events over no stored rows, in memory: the rows a fresh read model would hold, per table (for unit tests). */
export const foldRows = (projection: RowProjection, events: readonly RecordedEvent[]): Record<string, Row[]> => {
  const set = createRowSet(new Map(Object.entries(projection.keys)));
  for (const event of events) projection.evolve(set.rows, event);
  return Object.fromEntries(Object.keys(projection.keys).map((table) => [table, set.changes().get(table)?.upserts ?? []]));
};

import type { GlobalPosition } from '@paygate/domain';
import type { Row } from './row-set.ts';

/**
 * True when the row's `updated_commit/updated_prepare` is at or after `position`: an event that
 * already changed the row (delivered again, or applied by hand) changes nothing, and an older
 * event never overwrites a newer one. The runner's checkpoint makes this a second line of defence.
 */
export const rowHasSeen = (row: Row, position: GlobalPosition): boolean => {
  const commit = BigInt(row.updated_commit as string);
  return commit > position.commit || (commit === position.commit && BigInt(row.updated_prepare as string) >= position.prepare);
};

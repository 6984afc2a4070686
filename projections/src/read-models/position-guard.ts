import { sql, type RawBuilder } from 'kysely';
import type { GlobalPosition } from '@paygate/domain';

/**
 * True when the row's `updated_commit/updated_prepare` is before `position`: an event applies to
 * a row only once, even if it were delivered again, and an older event never overwrites a newer one.
 */
export const rowIsBefore = (table: string, position: GlobalPosition): RawBuilder<boolean> =>
  sql<boolean>`(${sql.ref(`${table}.updated_commit`)}, ${sql.ref(`${table}.updated_prepare`)}) < (${position.commit.toString()}::numeric, ${position.prepare.toString()}::numeric)`;

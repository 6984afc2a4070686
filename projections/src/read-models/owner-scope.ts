import { sql, type RawBuilder } from 'kysely';
import { qualifiedTable } from './sql-names.ts';

/**
 * Whose rows a query may return: an owner's (the channels whose owner of record is `ownerId`) or,
 * with `ownerId` undefined, everyone's (admin, auditor). The restriction is part of the SQL, so a
 * row of another owner's channel is never read, not read and dropped.
 */
export type OwnerScope = {
  ownerId?: string;
  /**
   * The owner's channel ids, looked up once for a request (the read API's `callerScope`). With them the
   * condition is `= ANY($ids)` with the values in hand, which PostgreSQL plans like any filter on
   * known values (an owner with most of the rows walks the order index, one with few uses the
   * channel index); the subquery form, planned blind, reads every row of the owner and sorts.
   */
  channelIds?: readonly string[];
};

/** Everything: what callers that are not an owner (operators, the bot's own lookups, sweeps) pass. */
export const UNSCOPED: OwnerScope = {};

/**
 * `<column> IN (SELECT channel_id FROM <schema>.channels WHERE owner_id = $n)` for an owner, `true`
 * unscoped. `column` names the row's channel (qualify it, `s.channel_id`, in a join). A null channel
 * (an unmatched payment) is never IN the set, so such rows stay invisible to every owner.
 */
export const ownedChannelCondition = (schema: string, scope: OwnerScope | undefined, column = 'channel_id'): RawBuilder<boolean> => {
  if (scope?.ownerId === undefined) return sql<boolean>`true`;
  if (scope.channelIds !== undefined) return sql<boolean>`${sql.ref(column)} = ANY(${[...scope.channelIds]}::text[])`;
  return sql<boolean>`${sql.ref(column)} IN (SELECT channel_id FROM ${sql.raw(qualifiedTable(schema, 'channels'))} WHERE owner_id = ${scope.ownerId})`;
};

/**
 * `<column> = $owner` for an owner, `true` unscoped: for rows that name whose money they are (a
 * payout's payee, a balance's owner). Such rows follow the person, not the channel: after a
 * channel changes hands, its earlier payouts stay the previous owner's to read.
 */
export const ownedRowCondition = (scope: OwnerScope | undefined, column = 'owner_id'): RawBuilder<boolean> =>
  scope?.ownerId === undefined ? sql<boolean>`true` : sql<boolean>`${sql.ref(column)} = ${scope.ownerId}`;

import { sql } from 'kysely';
import type { Money } from '@paygate/domain';
import { moneyFromColumns } from '../read-models/columns.ts';
import { ownedChannelCondition, ownedRowCondition, type OwnerScope } from '../read-models/owner-scope.ts';
import { scopedTo } from '../read-models/scoped-db.ts';
import type { AnyKysely } from '../runner/index.ts';
import type { OwnerBalancesDb } from './balances-tables.ts';

/**
 * Amounts of one balance, each in its currency, exactly: received + convertedIn = fees +
 * convertedOut + paidOut + pending. convertedOut: shares that left in a conversion into a stable
 * coin; convertedIn: what conversions gave back to this balance (in its stable coin).
 */
export type BalanceAmounts = { received: Money; fees: Money; pending: Money; inPayout: Money; paidOut: Money; convertedIn: Money; convertedOut: Money };

export type ChannelBalanceView = BalanceAmounts & { channelId: string; ownerId: string | null; currency: string };

/** An owner's balances over all their channels, in one currency (ownerId null: channels without an owner). */
export type OwnerBalanceView = BalanceAmounts & { ownerId: string | null; currency: string; channels: number };

type Sums = {
  received: string;
  fees: string;
  pending: string;
  in_payout: string;
  paid_out: string;
  converted_in: string;
  converted_out: string;
  currency: string;
  decimals: number;
};

const amountsOf = (row: Sums): BalanceAmounts => {
  const inCurrency = (amount: string) => moneyFromColumns(amount, row.currency, row.decimals);
  return {
    received: inCurrency(row.received),
    fees: inCurrency(row.fees),
    pending: inCurrency(row.pending),
    inPayout: inCurrency(row.in_payout),
    paidOut: inCurrency(row.paid_out),
    convertedIn: inCurrency(row.converted_in),
    convertedOut: inCurrency(row.converted_out),
  };
};

/** A stored row (as a query or foldRows gives it: amounts as decimal text) as a view. */
export const channelBalanceFromRow = (row: Omit<Sums, 'decimals'> & { channel_id: string; owner_id: string | null; decimals: number | string }): ChannelBalanceView => ({
  channelId: row.channel_id,
  ownerId: row.owner_id,
  currency: row.currency,
  ...amountsOf({ ...row, decimals: Number(row.decimals) }),
});

/**
 * Every channel's balance (optionally one channel's, or those whose row names `ownerId`), by channel
 * then currency. With an owner's scope, only channels the scope's owner owns now.
 */
export const listChannelBalances = async (
  db: AnyKysely,
  schema: string,
  filter: { channelId?: string; ownerId?: string; scope?: OwnerScope } = {},
): Promise<ChannelBalanceView[]> => {
  let query = scopedTo<OwnerBalancesDb>(db, schema).selectFrom('owner_balances').selectAll().where(ownedChannelCondition(schema, filter.scope)).where(ownedRowCondition(filter.scope));
  if (filter.channelId !== undefined) query = query.where('channel_id', '=', filter.channelId);
  if (filter.ownerId !== undefined) query = query.where('owner_id', '=', filter.ownerId);
  const rows = await query.orderBy('channel_id').orderBy('currency').execute();
  return rows.map(channelBalanceFromRow);
};

/**
 * Balances per owner and currency, summed over the owner's channels (optionally one owner's); owners
 * in id order, no owner last. With an owner's scope, summed over the channels that owner owns now.
 */
export const listOwnerBalances = async (db: AnyKysely, schema: string, filter: { ownerId?: string; scope?: OwnerScope } = {}): Promise<OwnerBalanceView[]> => {
  let query = scopedTo<OwnerBalancesDb>(db, schema)
    .selectFrom('owner_balances')
    .select([
      'owner_id',
      'currency',
      'decimals',
      sql<string>`sum(received)::text`.as('received'),
      sql<string>`sum(fees)::text`.as('fees'),
      sql<string>`sum(pending)::text`.as('pending'),
      sql<string>`sum(in_payout)::text`.as('in_payout'),
      sql<string>`sum(paid_out)::text`.as('paid_out'),
      sql<string>`sum(converted_in)::text`.as('converted_in'),
      sql<string>`sum(converted_out)::text`.as('converted_out'),
      sql<string>`count(*)::text`.as('channels'),
    ])
    .where(ownedChannelCondition(schema, filter.scope))
    .where(ownedRowCondition(filter.scope));
  if (filter.ownerId !== undefined) query = query.where('owner_id', '=', filter.ownerId);
  const rows = await query.groupBy(['owner_id', 'currency', 'decimals']).orderBy(sql`owner_id NULLS LAST`).orderBy('currency').execute();
  return rows.map((row) => ({ ownerId: row.owner_id, currency: row.currency, channels: Number(row.channels), ...amountsOf(row) }));
};

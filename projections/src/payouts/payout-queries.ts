import { sql } from 'kysely';
import { PayGateError, type GlobalPosition } from '@paygate/domain';
import { ownedRowCondition, type OwnerScope } from '../read-models/owner-scope.ts';
import { scopedTo } from '../read-models/scoped-db.ts';
import type { AnyKysely } from '../runner/index.ts';
import { payoutViewFromRow, type PayoutView } from './payout-view.ts';
import type { PayoutsDb, PayoutStatus } from './payouts-tables.ts';

export const MAX_PAYOUT_PAGE_SIZE = 100;
export const DEFAULT_PAYOUT_PAGE_SIZE = 20;

/** Where a page ends: the (updated position, payout id) of its last row. */
export type PayoutPageKey = { position: GlobalPosition; payoutId: string };

export type PayoutFilter = { channelId?: string; ownerId?: string; status?: PayoutStatus };

export type PayoutPage = { items: PayoutView[]; next: PayoutPageKey | undefined };

/** The payout, or undefined; with an owner's scope, only one paid (or being paid) to them. */
export const findPayout = async (db: AnyKysely, schema: string, payoutId: string, scope: OwnerScope = {}): Promise<PayoutView | undefined> => {
  const row = await scopedTo<PayoutsDb>(db, schema)
    .selectFrom('payouts')
    .selectAll()
    .where('payout_id', '=', payoutId)
    .where(ownedRowCondition(scope))
    .executeTakeFirst();
  return row && payoutViewFromRow(row);
};

const checkedLimit = (limit: number): number => {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAYOUT_PAGE_SIZE) {
    throw new PayGateError('validation', `limit must be an integer from 1 to ${MAX_PAYOUT_PAGE_SIZE}`, { field: 'limit' });
  }
  return limit;
};

/**
 * Payouts newest change first, by (updated position, payout id): a total order, so keyset pages
 * neither repeat nor skip a row that did not change meanwhile (as listPayments). With an owner's
 * scope, only the payouts made to them, whoever owns their channel now.
 */
export const listPayouts = async (
  db: AnyKysely,
  schema: string,
  options: PayoutFilter & { scope?: OwnerScope; limit?: number; after?: PayoutPageKey } = {},
): Promise<PayoutPage> => {
  const limit = checkedLimit(options.limit ?? DEFAULT_PAYOUT_PAGE_SIZE);
  let query = scopedTo<PayoutsDb>(db, schema).selectFrom('payouts').selectAll().where(ownedRowCondition(options.scope));
  if (options.channelId !== undefined) query = query.where('channel_id', '=', options.channelId);
  if (options.ownerId !== undefined) query = query.where('owner_id', '=', options.ownerId);
  if (options.status !== undefined) query = query.where('status', '=', options.status);
  const after = options.after;
  if (after) {
    query = query.where(
      sql<boolean>`(updated_commit, updated_prepare, payout_id) < (${after.position.commit.toString()}::numeric, ${after.position.prepare.toString()}::numeric, ${after.payoutId}::text)`,
    );
  }
  const rows = await query.orderBy('updated_commit', 'desc').orderBy('updated_prepare', 'desc').orderBy('payout_id', 'desc').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map(payoutViewFromRow);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? { position: last.updatedPosition, payoutId: last.payoutId } : undefined };
};

/**
 * Payouts still running (not held or failed, which wait for an operator; not sent), least
 * recently changed first: what a sweeper drives on after a crash or a missed message.
 * `changedBefore` (ISO time) leaves out those that moved recently and are likely in hand.
 */
export const listRunningPayouts = async (db: AnyKysely, schema: string, options: { limit?: number; changedBefore?: string } = {}): Promise<PayoutView[]> => {
  let query = scopedTo<PayoutsDb>(db, schema).selectFrom('payouts').selectAll().where('status', '=', 'running');
  if (options.changedBefore !== undefined) query = query.where(sql<boolean>`updated_at < ${options.changedBefore}::timestamptz`);
  const rows = await query
    .orderBy('updated_commit')
    .orderBy('updated_prepare')
    .orderBy('payout_id')
    .limit(options.limit ?? 1000)
    .execute();
  return rows.map(payoutViewFromRow);
};

import { sql } from 'kysely';
import { PayGateError, type GlobalPosition } from '@paygate/domain';
import { ownedChannelCondition, type OwnerScope } from '../read-models/owner-scope.ts';
import { scopedTo } from '../read-models/scoped-db.ts';
import type { AnyKysely } from '../runner/index.ts';
import { paymentViewFromRow, type PaymentView } from './payment-view.ts';
import type { PaymentsDb } from './payments-tables.ts';

export const MAX_PAYMENT_PAGE_SIZE = 100;
export const DEFAULT_PAYMENT_PAGE_SIZE = 20;

/** Where a page ends: the (updated position, payment id) of its last row. */
export type PaymentPageKey = { position: GlobalPosition; paymentId: string };

export type PaymentFilter = { invoiceId?: string; channelId?: string; status?: string };

export type PaymentPage = { items: PaymentView[]; next: PaymentPageKey | undefined };

/** The payment, or undefined; with an owner's scope, only one of their channels' (an unmatched payment, channel null, never). */
export const findPayment = async (db: AnyKysely, schema: string, paymentId: string, scope: OwnerScope = {}): Promise<PaymentView | undefined> => {
  const row = await scopedTo<PaymentsDb>(db, schema)
    .selectFrom('payments')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .where(ownedChannelCondition(schema, scope))
    .executeTakeFirst();
  return row && paymentViewFromRow(row);
};

/** The payments of one invoice, in the order they were first seen (none, with an owner's scope, unless the channel is theirs). */
export const listInvoicePayments = async (db: AnyKysely, schema: string, invoiceId: string, scope: OwnerScope = {}): Promise<PaymentView[]> => {
  const rows = await scopedTo<PaymentsDb>(db, schema)
    .selectFrom('payments')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .where(ownedChannelCondition(schema, scope))
    .orderBy('first_seen_at')
    .orderBy('payment_id')
    .execute();
  return rows.map(paymentViewFromRow);
};

/** Ids of the payments whose last outcome is `outcome`, oldest first: what an operator works through. */
export const listPaymentIdsWithOutcome = async (db: AnyKysely, schema: string, outcome: string): Promise<string[]> => {
  const rows = await scopedTo<PaymentsDb>(db, schema)
    .selectFrom('payments')
    .select('payment_id')
    .where('outcome', '=', outcome)
    .orderBy('first_seen_at')
    .orderBy('payment_id')
    .execute();
  return rows.map((row) => row.payment_id);
};

/** Ids of the payments held for review (outcome held_for_review), oldest first. */
export const listHeldPaymentIds = (db: AnyKysely, schema: string): Promise<string[]> => listPaymentIdsWithOutcome(db, schema, 'held_for_review');

/**
 * Payments newest first, by the position of their last change then payment id (unique, so the
 * order is total and keyset pages neither repeat nor skip a row that did not change meanwhile).
 * A payment that changes between two page reads moves to the front: a reader polling from the
 * start sees it again there. With an owner's scope, only payments of their channels.
 */
export const listPayments = async (
  db: AnyKysely,
  schema: string,
  options: PaymentFilter & { scope?: OwnerScope; limit?: number; after?: PaymentPageKey },
): Promise<PaymentPage> => {
  const limit = options.limit ?? DEFAULT_PAYMENT_PAGE_SIZE;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAYMENT_PAGE_SIZE) {
    throw new PayGateError('validation', `limit must be an integer from 1 to ${MAX_PAYMENT_PAGE_SIZE}`, { field: 'limit' });
  }
  let query = scopedTo<PaymentsDb>(db, schema).selectFrom('payments').selectAll().where(ownedChannelCondition(schema, options.scope));
  if (options.invoiceId !== undefined) query = query.where('invoice_id', '=', options.invoiceId);
  if (options.channelId !== undefined) query = query.where('channel_id', '=', options.channelId);
  if (options.status !== undefined) query = query.where('status', '=', options.status);
  const after = options.after;
  if (after) {
    query = query.where(
      sql<boolean>`(updated_commit, updated_prepare, payment_id) < (${after.position.commit.toString()}::numeric, ${after.position.prepare.toString()}::numeric, ${after.paymentId}::text)`,
    );
  }
  const rows = await query
    .orderBy('updated_commit', 'desc')
    .orderBy('updated_prepare', 'desc')
    .orderBy('payment_id', 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map(paymentViewFromRow);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? { position: last.updatedPosition, paymentId: last.paymentId } : undefined };
};

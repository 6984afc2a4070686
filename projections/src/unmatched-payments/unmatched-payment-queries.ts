import { sql, type Selectable } from 'kysely';
import { PayGateError, type GlobalPosition } from '@paygate/domain';
import { isoTime, positionFromColumns } from '../read-models/columns.ts';
import { scopedTo } from '../read-models/scoped-db.ts';
import type { AnyKysely } from '../runner/index.ts';
import type { UnmatchedPaymentsDb, UnmatchedPaymentsTable } from './unmatched-payments-tables.ts';

export type UnmatchedPaymentView = {
  paymentId: string;
  orderId: string | null;
  status: string;
  statuses: string[];
  reported: {
    priceAmount: string;
    priceCurrency: string;
    payAmount: string | null;
    actuallyPaid: string;
    payCurrency: string;
    outcomeAmount: string | null;
    outcomeCurrency: string | null;
  };
  parentPaymentId: string | null;
  firstRecordedAt: string;
  lastRecordedAt: string;
  updatedPosition: GlobalPosition;
};

const viewFromRow = (row: Selectable<UnmatchedPaymentsTable>): UnmatchedPaymentView => ({
  paymentId: row.payment_id,
  orderId: row.order_id,
  status: row.status,
  statuses: row.statuses,
  reported: {
    priceAmount: row.price_amount,
    priceCurrency: row.price_currency,
    payAmount: row.pay_amount,
    actuallyPaid: row.actually_paid,
    payCurrency: row.pay_currency,
    outcomeAmount: row.outcome_amount,
    outcomeCurrency: row.outcome_currency,
  },
  parentPaymentId: row.parent_payment_id,
  firstRecordedAt: isoTime(row.first_recorded_at),
  lastRecordedAt: isoTime(row.last_recorded_at),
  updatedPosition: positionFromColumns(row.updated_commit, row.updated_prepare),
});

export const findUnmatchedPayment = async (db: AnyKysely, schema: string, paymentId: string): Promise<UnmatchedPaymentView | undefined> => {
  const row = await scopedTo<UnmatchedPaymentsDb>(db, schema)
    .selectFrom('unmatched_payments')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .executeTakeFirst();
  return row && viewFromRow(row);
};

export type UnmatchedPaymentPageKey = { position: GlobalPosition; paymentId: string };

/** Newest first by the position of the last notice, then payment id; keyset pages like listPayments. */
export const listUnmatchedPayments = async (
  db: AnyKysely,
  schema: string,
  options: { limit: number; after?: UnmatchedPaymentPageKey },
): Promise<{ items: UnmatchedPaymentView[]; next: UnmatchedPaymentPageKey | undefined }> => {
  const { limit, after } = options;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 100) {
    throw new PayGateError('validation', 'limit must be an integer from 1 to 100', { field: 'limit' });
  }
  let query = scopedTo<UnmatchedPaymentsDb>(db, schema).selectFrom('unmatched_payments').selectAll();
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
  const items = rows.slice(0, limit).map(viewFromRow);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? { position: last.updatedPosition, paymentId: last.paymentId } : undefined };
};

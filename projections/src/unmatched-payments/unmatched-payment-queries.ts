import type { Selectable } from 'kysely';
import type { GlobalPosition } from '@paygate/domain';
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

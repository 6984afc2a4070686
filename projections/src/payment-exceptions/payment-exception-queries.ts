import type { Selectable } from 'kysely';
import { isoTime } from '../read-models/columns.ts';
import { scopedTo } from '../read-models/scoped-db.ts';
import type { AnyKysely } from '../runner/index.ts';
import type { PaymentExceptionsDb, PaymentExceptionsTable } from './payment-exceptions-tables.ts';

export type PaymentExceptionView = {
  paymentId: string;
  kind: string;
  state: string;
  invoiceId: string | null;
  orderId: string | null;
  status: string;
  paid: string;
  arrived: string | null;
  detail: string;
  decision: string | null;
  decidedBy: string | null;
  recordedAt: string;
};

const view = (row: Selectable<PaymentExceptionsTable>): PaymentExceptionView => ({
  paymentId: row.payment_id,
  kind: row.kind,
  state: row.state,
  invoiceId: row.invoice_id,
  orderId: row.order_id,
  status: row.status,
  paid: row.paid,
  arrived: row.arrived,
  detail: row.detail,
  decision: row.decision,
  decidedBy: row.decided_by,
  recordedAt: isoTime(row.recorded_at),
});

/** Exceptions oldest first: the open ones (default), or every one with `all`. */
export const listPaymentExceptions = async (db: AnyKysely, schema: string, options: { all?: boolean; limit?: number } = {}): Promise<PaymentExceptionView[]> => {
  let query = scopedTo<PaymentExceptionsDb>(db, schema).selectFrom('payment_exceptions').selectAll();
  if (!options.all) query = query.where('state', '=', 'open');
  const rows = await query.orderBy('recorded_at').orderBy('payment_id').limit(options.limit ?? 1_000).execute();
  return rows.map(view);
};

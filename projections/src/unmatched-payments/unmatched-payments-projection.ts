import { sql } from 'kysely';
import { parseUnmatchedPaymentEvent } from '@paygate/domain';
import { positionColumns } from '../read-models/columns.ts';
import { rowIsBefore } from '../read-models/position-guard.ts';
import type { Projection } from '../runner/index.ts';
import { UNMATCHED_PAYMENT_TABLES, unmatchedPaymentsDdl, type UnmatchedPaymentsDb } from './unmatched-payments-tables.ts';

/** IPNs that matched no invoice (table `unmatched_payments`), one row per payment with every status seen. */
export const unmatchedPaymentsProjection: Projection<UnmatchedPaymentsDb> = {
  name: 'unmatched_payments',
  version: 1,
  tables: UNMATCHED_PAYMENT_TABLES,
  ddl: unmatchedPaymentsDdl,
  handles: ['UnmatchedPaymentRecorded'],
  apply: async (db, recorded) => {
    const { data } = parseUnmatchedPaymentEvent(recorded);
    const { commit, prepare } = positionColumns(recorded.position);
    const latest = {
      status: data.status,
      price_amount: data.priceAmount,
      price_currency: data.priceCurrency,
      pay_amount: data.payAmount ?? null,
      actually_paid: data.actuallyPaid,
      pay_currency: data.payCurrency,
      outcome_amount: data.outcomeAmount ?? null,
      outcome_currency: data.outcomeCurrency ?? null,
      parent_payment_id: data.parentPaymentId ?? null,
      last_recorded_at: data.receivedAt,
      updated_commit: commit,
      updated_prepare: prepare,
    };
    await db
      .insertInto('unmatched_payments')
      .values({ payment_id: data.paymentId, order_id: data.orderId ?? null, statuses: [data.status], first_recorded_at: data.receivedAt, ...latest })
      .onConflict((oc) =>
        oc
          .column('payment_id')
          .doUpdateSet({
            ...latest,
            statuses: sql<string[]>`array_append(unmatched_payments.statuses, ${data.status}::text)`,
            order_id: sql<string | null>`coalesce(unmatched_payments.order_id, excluded.order_id)`,
          })
          .where(rowIsBefore('unmatched_payments', recorded.position)),
      )
      .execute();
  },
};

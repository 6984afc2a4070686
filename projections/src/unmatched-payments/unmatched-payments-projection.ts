import { parseUnmatchedPaymentEvent } from '@paygate/domain';
import { positionColumns } from '../read-models/columns.ts';
import { rowHasSeen, rowProjection } from '../rows/index.ts';
import { unmatchedPaymentsDdl } from './unmatched-payments-tables.ts';

/** IPNs that matched no invoice (table `unmatched_payments`), one row per payment with every status seen. */
export const unmatchedPaymentsProjection = rowProjection({
  name: 'unmatched_payments',
  // 2: set-based batches (same rows; the version makes an upgrade rebuild through the new path).
  version: 2,
  keys: { unmatched_payments: ['payment_id'] },
  ddl: unmatchedPaymentsDdl,
  handles: ['UnmatchedPaymentRecorded'],
  touches: (recorded) => [{ table: 'unmatched_payments', key: { payment_id: parseUnmatchedPaymentEvent(recorded).data.paymentId } }],
  evolve: (rows, recorded) => {
    const { data } = parseUnmatchedPaymentEvent(recorded);
    const row = rows.get('unmatched_payments', { payment_id: data.paymentId });
    if (row && rowHasSeen(row, recorded.position)) return;
    const { commit, prepare } = positionColumns(recorded.position);
    rows.put('unmatched_payments', {
      payment_id: data.paymentId,
      order_id: row?.order_id ?? data.orderId ?? null,
      statuses: [...((row?.statuses as string[] | undefined) ?? []), data.status],
      first_recorded_at: row?.first_recorded_at ?? data.receivedAt,
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
    });
  },
});

import { sql, type QueryCreator } from 'kysely';
import {
  parseInvoiceEvent,
  parsePaymentEvent,
  type GlobalPosition,
  type PaymentEvent,
  type PaymentHoldRejected,
  type PaymentHoldReleased,
  type PaymentStatusRecorded,
  type RecordedEvent,
} from '@paygate/domain';
import { positionColumns } from '../read-models/columns.ts';
import { rowIsBefore } from '../read-models/position-guard.ts';
import type { Projection } from '../runner/index.ts';
import { PAYMENT_TABLES, paymentsDdl, type PaymentsDb } from './payments-tables.ts';

type Db = QueryCreator<PaymentsDb>;

/** The consequence events and the outcome each one records on the payment. */
export const PAYMENT_OUTCOMES = {
  PaymentReceived: 'received',
  PaymentHeldForReview: 'held_for_review',
  InvoicePaidTwice: 'paid_twice',
  PaymentMismatched: 'mismatched',
  PaymentUnderpaid: 'underpaid',
  PaymentRedepositRecorded: 'redeposit',
  PaymentFailed: 'failed',
  PaymentExpired: 'expired',
  PaymentRefunded: 'refunded',
} as const satisfies Partial<Record<PaymentEvent['type'], string>>;

const recordStatus = async (db: Db, { data }: PaymentStatusRecorded, position: GlobalPosition): Promise<void> => {
  const invoice = await db.selectFrom('payment_invoices').selectAll().where('invoice_id', '=', data.invoiceId).executeTakeFirst();
  const { commit, prepare } = positionColumns(position);
  // The notice as last reported; optional amounts keep the last value NOWPayments sent.
  const reported = {
    status: data.status,
    reported_price_amount: data.priceAmount,
    reported_price_currency: data.priceCurrency,
    pay_amount: data.payAmount ?? null,
    actually_paid: data.actuallyPaid,
    pay_currency: data.payCurrency,
    outcome_amount: data.outcomeAmount ?? null,
    outcome_currency: data.outcomeCurrency ?? null,
    parent_payment_id: data.parentPaymentId ?? null,
    updated_at: data.receivedAt,
    updated_commit: commit,
    updated_prepare: prepare,
  };
  await db
    .insertInto('payments')
    .values({
      payment_id: data.paymentId,
      invoice_id: data.invoiceId,
      channel_id: invoice?.channel_id ?? null,
      tier_id: invoice?.tier_id ?? null,
      subscriber_id: invoice?.subscriber_id ?? null,
      price_amount: invoice?.price_amount ?? null,
      price_currency: invoice?.price_currency ?? null,
      price_decimals: invoice?.price_decimals ?? null,
      outcome: null,
      conflicts: 0,
      first_seen_at: data.receivedAt,
      ...reported,
    })
    .onConflict((oc) =>
      oc
        .column('payment_id')
        .doUpdateSet((eb) => ({
          ...reported,
          pay_amount: eb.fn.coalesce('excluded.pay_amount', 'payments.pay_amount'),
          outcome_amount: eb.fn.coalesce('excluded.outcome_amount', 'payments.outcome_amount'),
          outcome_currency: eb.fn.coalesce('excluded.outcome_currency', 'payments.outcome_currency'),
          parent_payment_id: eb.fn.coalesce('excluded.parent_payment_id', 'payments.parent_payment_id'),
        }))
        .where(rowIsBefore('payments', position)),
    )
    .execute();
};

/** Fields a consequence event sets besides its outcome. */
const consequenceFields = (event: PaymentEvent) => {
  switch (event.type) {
    case 'PaymentReceived': {
      const { actuallyPaid, outcome } = event.data;
      return {
        received_paid_amount: actuallyPaid.amount,
        received_paid_currency: actuallyPaid.currency,
        received_paid_decimals: actuallyPaid.decimals,
        received_outcome_amount: outcome.amount,
        received_outcome_currency: outcome.currency,
        received_outcome_decimals: outcome.decimals,
      };
    }
    case 'PaymentRedepositRecorded':
      return { parent_payment_id: event.data.parentPaymentId };
    default:
      return {};
  }
};

/**
 * An operator's rejection of a held payment: outcome 'rejected'. A release is not applied by
 * itself: the PaymentReceived appended with it turns the row into 'received'.
 */
const recordRejection = async (db: Db, { data }: PaymentHoldRejected, position: GlobalPosition) => {
  const { commit, prepare } = positionColumns(position);
  await db
    .updateTable('payments')
    .set({ outcome: 'rejected', updated_at: data.decidedAt, updated_commit: commit, updated_prepare: prepare })
    .where('payment_id', '=', data.paymentId)
    .where(rowIsBefore('payments', position))
    .execute();
};

type Consequence = Exclude<PaymentEvent, PaymentStatusRecorded | PaymentHoldRejected | PaymentHoldReleased>;

const recordConsequence = async (db: Db, event: Consequence, position: GlobalPosition) => {
  const { paymentId, channelId, tierId, subscriberId, receivedAt } = event.data;
  const { commit, prepare } = positionColumns(position);
  const changes =
    event.type === 'PaymentStatusConflicted'
      ? { conflicts: sql<number>`conflicts + 1` }
      : { outcome: PAYMENT_OUTCOMES[event.type], ...consequenceFields(event) };
  await db
    .updateTable('payments')
    .set((eb) => ({
      ...changes,
      // Every outcome event names the purchase, so a payment first seen without its invoice row still learns it.
      channel_id: eb.fn.coalesce('channel_id', eb.val(channelId)),
      tier_id: eb.fn.coalesce('tier_id', eb.val(tierId)),
      subscriber_id: eb.fn.coalesce('subscriber_id', eb.val(subscriberId)),
      updated_at: receivedAt,
      updated_commit: commit,
      updated_prepare: prepare,
    }))
    .where('payment_id', '=', paymentId)
    .where(rowIsBefore('payments', position))
    .execute();
};

const applyPaymentsEvent = async (db: Db, recorded: RecordedEvent): Promise<void> => {
  if (recorded.type === 'InvoiceCreated') {
    const invoice = parseInvoiceEvent(recorded);
    if (invoice.type !== 'InvoiceCreated') return;
    const { invoiceId, channelId, tierId, subscriberId, price } = invoice.data;
    await db
      .insertInto('payment_invoices')
      .values({
        invoice_id: invoiceId,
        channel_id: channelId,
        tier_id: tierId,
        subscriber_id: subscriberId,
        price_amount: price.amount,
        price_currency: price.currency,
        price_decimals: price.decimals,
      })
      .onConflict((oc) => oc.column('invoice_id').doNothing())
      .execute();
    return;
  }
  const event = parsePaymentEvent(recorded);
  if (event.type === 'PaymentStatusRecorded') await recordStatus(db, event, recorded.position);
  else if (event.type === 'PaymentHoldRejected') await recordRejection(db, event, recorded.position);
  else if (event.type !== 'PaymentHoldReleased') await recordConsequence(db, event, recorded.position);
};

/**
 * One row per payment (table `payments`): invoice, channel, status, amounts and last update.
 * The status is whatever the last PaymentStatusRecorded said: the payment decider records a
 * status only when it moves forward in the NOWPayments order, and a conflicting status is only
 * counted (`conflicts`), never applied.
 */
export const paymentsProjection: Projection<PaymentsDb> = {
  name: 'payments',
  version: 1,
  tables: PAYMENT_TABLES,
  ddl: paymentsDdl,
  // No version bump for PaymentHeldForReview/PaymentHoldRejected/InvoicePaidTwice: no store
  // written before they existed holds one, so a rebuild would give the same rows.
  handles: ['InvoiceCreated', 'PaymentStatusRecorded', ...Object.keys(PAYMENT_OUTCOMES), 'PaymentStatusConflicted', 'PaymentHoldRejected'],
  apply: applyPaymentsEvent,
};

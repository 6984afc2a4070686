import { sql, type QueryCreator } from 'kysely';
import { parseInvoiceEvent, parsePaymentEvent, type RecordedEvent } from '@paygate/domain';
import { positionColumns } from '../read-models/columns.ts';
import { rowIsBefore } from '../read-models/position-guard.ts';
import type { Projection } from '../runner/index.ts';
import { INVOICE_TABLES, invoicesDdl, type InvoicesDb } from './invoices-tables.ts';

type Db = QueryCreator<InvoicesDb>;

const INVOICE_EVENTS = ['InvoiceCreated', 'InvoiceLinked'];
const PAYMENT_EVENTS = ['PaymentStatusRecorded', 'PaymentReceived'];

const applyInvoiceEvent = async (db: Db, recorded: RecordedEvent): Promise<void> => {
  const event = parseInvoiceEvent(recorded);
  const { commit, prepare } = positionColumns(recorded.position);
  if (event.type === 'InvoiceCreated') {
    const { invoiceId, channelId, tierId, subscriberId, price, durationDays, createdAt } = event.data;
    await db
      .insertInto('invoices')
      .values({
        invoice_id: invoiceId,
        channel_id: channelId,
        tier_id: tierId,
        subscriber_id: subscriberId,
        price_amount: price.amount,
        price_currency: price.currency,
        price_decimals: price.decimals,
        duration_days: durationDays,
        created_at: createdAt,
        payment_ids: [],
        updated_at: createdAt,
        updated_commit: commit,
        updated_prepare: prepare,
      })
      .onConflict((oc) => oc.column('invoice_id').doNothing())
      .execute();
    return;
  }
  if (event.type !== 'InvoiceLinked') return; // InvoicePaid: the paying payment comes with its PaymentReceived
  const { invoiceId, providerInvoiceId, invoiceUrl, linkedAt } = event.data;
  await db
    .updateTable('invoices')
    .set({
      provider_invoice_id: providerInvoiceId,
      invoice_url: invoiceUrl,
      linked_at: linkedAt,
      updated_at: linkedAt,
      updated_commit: commit,
      updated_prepare: prepare,
    })
    .where('invoice_id', '=', invoiceId)
    .where(rowIsBefore('invoices', recorded.position))
    .execute();
};

const applyPaymentEvent = async (db: Db, recorded: RecordedEvent): Promise<void> => {
  const event = parsePaymentEvent(recorded);
  const { commit, prepare } = positionColumns(recorded.position);
  const guard = rowIsBefore('invoices', recorded.position);
  if (event.type === 'PaymentStatusRecorded') {
    const { invoiceId, paymentId, status, receivedAt } = event.data;
    await db
      .updateTable('invoices')
      .set({
        payment_ids: sql<string[]>`CASE WHEN ${paymentId} = ANY(payment_ids) THEN payment_ids ELSE array_append(payment_ids, ${paymentId}::text) END`,
        // Once paid, the paying payment speaks for the invoice: a later re-deposit's "waiting" must not hide that it is paid.
        payment_status: sql<string>`CASE WHEN paid_payment_id IS NULL OR paid_payment_id = ${paymentId} THEN ${status}::text ELSE payment_status END`,
        updated_at: receivedAt,
        updated_commit: commit,
        updated_prepare: prepare,
      })
      .where('invoice_id', '=', invoiceId)
      .where(guard)
      .execute();
    return;
  }
  if (event.type === 'PaymentReceived') {
    const { invoiceId, paymentId, receivedAt } = event.data;
    await db
      .updateTable('invoices')
      .set({ paid_payment_id: paymentId, paid_at: receivedAt, updated_at: receivedAt, updated_commit: commit, updated_prepare: prepare })
      .where('invoice_id', '=', invoiceId)
      .where('paid_payment_id', 'is', null)
      .where(guard)
      .execute();
  }
};

/**
 * Invoices with their price, NOWPayments link, payment ids and current payment status (table
 * `invoices`). An invoice can have several payments (a subscriber may pay twice, or re-deposit);
 * `payment_status` is the latest status recorded for any of them until one grants access
 * (PaymentReceived), after which it follows that payment only (e.g. to `refunded`).
 */
export const invoicesProjection: Projection<InvoicesDb> = {
  name: 'invoices',
  version: 1,
  tables: INVOICE_TABLES,
  ddl: invoicesDdl,
  handles: [...INVOICE_EVENTS, ...PAYMENT_EVENTS],
  apply: (db, event) => (INVOICE_EVENTS.includes(event.type) ? applyInvoiceEvent(db, event) : applyPaymentEvent(db, event)),
};

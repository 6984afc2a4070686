import { DONATION_TIER_ID, parseInvoiceEvent, parsePaymentEvent, type RecordedEvent } from '@paygate/domain';
import { positionColumns } from '../read-models/columns.ts';
import { rowHasSeen, rowProjection, type RowSet } from '../rows/index.ts';
import { invoicesDdl } from './invoices-tables.ts';

const INVOICE_EVENTS = ['InvoiceCreated', 'DonationInvoiceCreated', 'InvoiceLinked'];
const PAYMENT_EVENTS = ['PaymentStatusRecorded', 'PaymentReceived', 'DonationReceived'];

/** PAYMENT_EVENTS all name their invoice. */
const invoiceOfPayment = (recorded: RecordedEvent): string => {
  const event = parsePaymentEvent(recorded);
  return 'invoiceId' in event.data ? event.data.invoiceId : '';
};

const invoiceIdOf = (recorded: RecordedEvent): string =>
  INVOICE_EVENTS.includes(recorded.type) ? parseInvoiceEvent(recorded).data.invoiceId : invoiceOfPayment(recorded);

const evolveInvoice = (rows: RowSet, recorded: RecordedEvent): void => {
  const { commit, prepare } = positionColumns(recorded.position);
  const moved = { updated_commit: commit, updated_prepare: prepare };
  const key = { invoice_id: invoiceIdOf(recorded) };
  const invoice = rows.get('invoices', key);
  if (INVOICE_EVENTS.includes(recorded.type)) {
    const event = parseInvoiceEvent(recorded);
    if (event.type === 'InvoiceCreated' || event.type === 'DonationInvoiceCreated') {
      if (invoice) return; // an invoice is created once
      const { invoiceId, channelId, createdAt } = event.data;
      // A donation: the donation tier id, the donor as subscriber, its amount as price, no duration.
      const { tierId, subscriberId, price, durationDays } =
        event.type === 'InvoiceCreated' ? event.data : { tierId: DONATION_TIER_ID, subscriberId: event.data.donorId, price: event.data.amount, durationDays: 0 };
      rows.put('invoices', {
        invoice_id: invoiceId,
        channel_id: channelId,
        tier_id: tierId,
        subscriber_id: subscriberId,
        // From the creating event: a tier that happens to have the donation tier id is still a subscription.
        purpose: event.type === 'DonationInvoiceCreated' ? 'donation' : 'subscription',
        subscriber_hidden: event.type === 'DonationInvoiceCreated' && !event.data.showName,
        price_amount: price.amount,
        price_currency: price.currency,
        price_decimals: price.decimals,
        duration_days: durationDays,
        created_at: createdAt,
        provider_invoice_id: null,
        invoice_url: null,
        linked_at: null,
        payment_status: null,
        payment_ids: [],
        paid_payment_id: null,
        paid_at: null,
        updated_at: createdAt,
        ...moved,
      });
      return;
    }
    if (event.type !== 'InvoiceLinked' || !invoice || rowHasSeen(invoice, recorded.position)) return; // InvoicePaid: the paying payment comes with its PaymentReceived
    const { providerInvoiceId, invoiceUrl, linkedAt } = event.data;
    rows.put('invoices', { ...invoice, provider_invoice_id: providerInvoiceId, invoice_url: invoiceUrl, linked_at: linkedAt, updated_at: linkedAt, ...moved });
    return;
  }
  const event = parsePaymentEvent(recorded);
  if (!invoice || rowHasSeen(invoice, recorded.position)) return;
  if (event.type === 'PaymentStatusRecorded') {
    const { paymentId, status, receivedAt } = event.data;
    const paymentIds = invoice.payment_ids as string[];
    rows.put('invoices', {
      ...invoice,
      payment_ids: paymentIds.includes(paymentId) ? paymentIds : [...paymentIds, paymentId],
      // Once paid, the paying payment speaks for the invoice: a later re-deposit's "waiting" must not hide that it is paid.
      payment_status: invoice.paid_payment_id === null || invoice.paid_payment_id === paymentId ? status : invoice.payment_status,
      updated_at: receivedAt,
      ...moved,
    });
  } else if ((event.type === 'PaymentReceived' || event.type === 'DonationReceived') && invoice.paid_payment_id === null) {
    const { paymentId, receivedAt } = event.data;
    rows.put('invoices', { ...invoice, paid_payment_id: paymentId, paid_at: receivedAt, updated_at: receivedAt, ...moved });
  }
};

/**
 * Invoices with their price, NOWPayments link, payment ids and current payment status (table
 * `invoices`). An invoice can have several payments (a subscriber may pay twice, or re-deposit);
 * `payment_status` is the latest status recorded for any of them until one grants access
 * (PaymentReceived; DonationReceived for a donation invoice), after which it follows that payment only (e.g. to `refunded`).
 */
export const invoicesProjection = rowProjection({
  name: 'invoices',
  // 2: set-based batches (same rows; the version makes an upgrade rebuild through the new path).
  // 3: `purpose` column from the creating event (no longer inferred from the tier id).
  // 4: `subscriber_hidden`: an anonymous donor's id is not shown.
  version: 4,
  keys: { invoices: ['invoice_id'] },
  ddl: invoicesDdl,
  handles: [...INVOICE_EVENTS, ...PAYMENT_EVENTS],
  touches: (recorded) => [{ table: 'invoices', key: { invoice_id: invoiceIdOf(recorded) } }],
  evolve: evolveInvoice,
});

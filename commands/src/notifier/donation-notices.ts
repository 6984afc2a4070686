import { messages, refundTakesBackGrant, type EventStore, type Locale, type PaymentRefunded, type PaymentUnderpaid } from '@paygate/domain';
import { loadInvoice } from '../invoice/load-invoice.ts';

/** A refund or underpayment notice for a donation: renders the owner's text from the channel title. */
export type DonationNotice = (channelTitle: string) => string;

/**
 * The refund or underpayment notice for a payment of a donation invoice, or null when the invoice
 * is a subscription's. Whether it is a donation comes from the invoice's own event (its purpose),
 * not from the tier id. The owner never sees the donor's id, and sees their name only when the
 * donor allowed it.
 */
export const donationNoticeFor = async (
  eventStore: EventStore,
  event: PaymentRefunded | PaymentUnderpaid,
  locale: Locale,
): Promise<DonationNotice | null> => {
  const invoice = await loadInvoice(eventStore, event.data.invoiceId);
  if (invoice.status !== 'created' || invoice.purpose !== 'donation') return null;
  const { showName, donorName } = invoice.donation ?? { showName: false };
  const name = showName && donorName !== undefined ? { donorName } : {};
  const amount = invoice.price;
  if (event.type === 'PaymentRefunded') {
    const granted = refundTakesBackGrant(event.data);
    return (channelTitle) => messages.ownerDonationRefunded(locale, { channelTitle, amount, granted, ...name });
  }
  const { actuallyPaid, payAmount, payCurrency } = event.data;
  const paid = { actuallyPaid, payCurrency, ...(payAmount === undefined ? {} : { payAmount }) };
  return (channelTitle) => messages.ownerDonationUnderpaid(locale, { channelTitle, amount, ...paid, ...name });
};

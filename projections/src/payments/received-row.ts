import { DONATION_TIER_ID, formatMoney, moneyFromJson, type DonationReceived, type MoneyJson, type PaymentReceived } from '@paygate/domain';
import type { Row } from '../rows/index.ts';

/**
 * The row of a payment whose first event is its grant: one an operator attached (payments
 * exceptions attach), whose notices stayed on the unmatched or refused stream. Attach grants only
 * a payment NOWPayments reported finished, so the status is `finished`; the reported amounts are
 * the grant's own (what arrived; the price is the invoice's, the notice's own is not in the event).
 */
export type ReceivedTerms = {
  paymentId: string;
  invoiceId: string;
  channelId: string;
  tierId: string;
  /** Null for a donor who did not allow the owner to see their name. */
  subscriberId: string | null;
  receivedAt: string;
  price: MoneyJson;
  actuallyPaid: MoneyJson;
  outcome: MoneyJson;
};

/** What a PaymentReceived or a DonationReceived (the donor as subscriber when they allowed it, the donation tier id) says. */
export const receivedTerms = (event: PaymentReceived | DonationReceived): ReceivedTerms => {
  if (event.type === 'PaymentReceived') return event.data;
  const { paymentId, invoiceId, channelId, donorId, showName, receivedAt, amount, actuallyPaid, outcome } = event.data;
  return { paymentId, invoiceId, channelId, tierId: DONATION_TIER_ID, subscriberId: showName ? donorId : null, receivedAt, price: amount, actuallyPaid, outcome };
};

export const receivedRow = (data: ReceivedTerms, moved: { updated_commit: string; updated_prepare: string }): Row => {
  const { paymentId, invoiceId, channelId, tierId, subscriberId, receivedAt, price, actuallyPaid, outcome } = data;
  return {
    payment_id: paymentId,
    invoice_id: invoiceId,
    channel_id: channelId,
    tier_id: tierId,
    subscriber_id: subscriberId,
    status: 'finished',
    outcome: 'received',
    price_amount: price.amount,
    price_currency: price.currency,
    price_decimals: price.decimals,
    reported_price_amount: formatMoney(moneyFromJson(price)),
    reported_price_currency: price.currency,
    pay_amount: null,
    actually_paid: formatMoney(moneyFromJson(actuallyPaid)),
    pay_currency: actuallyPaid.currency,
    outcome_amount: formatMoney(moneyFromJson(outcome)),
    outcome_currency: outcome.currency,
    parent_payment_id: null,
    received_paid_amount: actuallyPaid.amount,
    received_paid_currency: actuallyPaid.currency,
    received_paid_decimals: actuallyPaid.decimals,
    received_outcome_amount: outcome.amount,
    received_outcome_currency: outcome.currency,
    received_outcome_decimals: outcome.decimals,
    conflicts: 0,
    first_seen_at: receivedAt,
    updated_at: receivedAt,
    ...moved,
  };
};

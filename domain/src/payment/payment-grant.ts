import type { MoneyJson } from '../money/index.ts';
import type { DonationTerms } from '../invoice/invoice-state.ts';

/** Everything a received payment records, whether it bought a tier or was a donation. */
export type ReceivedTerms = {
  paymentId: string;
  invoiceId: string;
  channelId: string;
  tierId: string;
  subscriberId: string;
  receivedAt: string;
  price: MoneyJson;
  /** Absent for a donation (it buys no time). */
  durationDays?: number;
  actuallyPaid: MoneyJson;
  outcome: MoneyJson;
  /** Set for a donation invoice. */
  donation?: DonationTerms;
};

/**
 * The event that records money received for an invoice: PaymentReceived for a tier (it grants
 * access), DonationReceived for a donation (split and counted like a payment, never a grant).
 */
export const receivedEvent = (terms: ReceivedTerms): { type: 'PaymentReceived' | 'DonationReceived'; data: Record<string, unknown> } => {
  const { paymentId, invoiceId, channelId, tierId, subscriberId, receivedAt, price, durationDays, actuallyPaid, outcome, donation } = terms;
  if (donation === undefined) {
    return { type: 'PaymentReceived', data: { paymentId, invoiceId, channelId, tierId, subscriberId, receivedAt, price, durationDays, actuallyPaid, outcome } };
  }
  const { showName, donorName } = donation;
  const name = showName && donorName !== undefined ? { donorName } : {};
  return {
    type: 'DonationReceived',
    data: { paymentId, invoiceId, channelId, donorId: subscriberId, amount: price, actuallyPaid, outcome, showName, ...name, receivedAt },
  };
};

/** The event types that record money received for an invoice (what the split manager splits). */
export const RECEIVED_EVENT_TYPES = ['PaymentReceived', 'DonationReceived'] as const;

export const isReceivedEvent = (event: { type: string }): boolean => event.type === 'PaymentReceived' || event.type === 'DonationReceived';

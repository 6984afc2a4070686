import { DONATION_TIER_ID } from '../donation/donation-amount.ts';
import { moneyFromJson, type Money } from '../money/index.ts';
import type { InvoiceEvent } from './invoice-events.ts';

/** The payment that paid an invoice (InvoicePaid). */
export type InvoicePayment = { readonly paymentId: string; readonly actuallyPaid: Money; readonly outcome: Money };

/** What a donation invoice adds: whether the owner may see the donor's name, and the name then. */
export type DonationTerms = { readonly showName: boolean; readonly donorName?: string };

/**
 * What the payment decider needs to know about the invoice a payment is for. A donation has
 * tierId DONATION_TIER_ID, the donor as subscriberId, its amount as price, durationDays 0 (it
 * buys no time) and `donation` set.
 */
export type InvoiceSnapshot = {
  readonly invoiceId: string;
  readonly channelId: string;
  readonly tierId: string;
  readonly subscriberId: string;
  readonly price: Money;
  readonly durationDays: number;
  /** Set once a payment paid it: another payment finishing is then a second payment, not a sale. */
  readonly paidBy?: InvoicePayment;
  /** Set on a donation invoice: a payment of it is DonationReceived, never PaymentReceived. */
  readonly donation?: DonationTerms;
};

export type InvoicePurpose = 'subscription' | 'donation';

export type InvoiceState =
  | { readonly status: 'none' }
  | (InvoiceSnapshot & {
      readonly status: 'created';
      readonly purpose: InvoicePurpose;
      readonly provider?: { readonly providerInvoiceId: string; readonly invoiceUrl: string };
    });

export const initialInvoiceState: InvoiceState = { status: 'none' };

export const evolveInvoice = (state: InvoiceState, event: InvoiceEvent): InvoiceState => {
  switch (event.type) {
    case 'InvoiceCreated': {
      const { invoiceId, channelId, tierId, subscriberId, price, durationDays } = event.data;
      return { status: 'created', purpose: 'subscription', invoiceId, channelId, tierId, subscriberId, price: moneyFromJson(price), durationDays };
    }
    case 'DonationInvoiceCreated': {
      const { invoiceId, channelId, donorId, amount, showName, donorName } = event.data;
      const donation = { showName, ...(donorName === undefined ? {} : { donorName }) };
      const terms = { invoiceId, channelId, tierId: DONATION_TIER_ID, subscriberId: donorId, price: moneyFromJson(amount), durationDays: 0 };
      return { status: 'created', purpose: 'donation', ...terms, donation };
    }
    case 'InvoiceLinked': {
      if (state.status !== 'created') return state;
      const { providerInvoiceId, invoiceUrl } = event.data;
      return { ...state, provider: { providerInvoiceId, invoiceUrl } };
    }
    case 'InvoicePaid': {
      if (state.status !== 'created' || state.paidBy !== undefined) return state;
      const { paymentId, actuallyPaid, outcome } = event.data;
      return { ...state, paidBy: { paymentId, actuallyPaid: moneyFromJson(actuallyPaid), outcome: moneyFromJson(outcome) } };
    }
    default:
      return state;
  }
};

/** The snapshot for `RecordPaymentStatus`, or null when the invoice does not exist (→ unmatched payment). */
export const invoiceSnapshot = (state: InvoiceState): InvoiceSnapshot | null => {
  if (state.status !== 'created') return null;
  const { invoiceId, channelId, tierId, subscriberId, price, durationDays, paidBy, donation } = state;
  return {
    invoiceId,
    channelId,
    tierId,
    subscriberId,
    price,
    durationDays,
    ...(paidBy === undefined ? {} : { paidBy }),
    ...(donation === undefined ? {} : { donation }),
  };
};

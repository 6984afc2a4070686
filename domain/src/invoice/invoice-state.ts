import { moneyFromJson, type Money } from '../money/index.ts';
import type { InvoiceEvent } from './invoice-events.ts';

/** The payment that paid an invoice (InvoicePaid). */
export type InvoicePayment = { readonly paymentId: string; readonly actuallyPaid: Money; readonly outcome: Money };

/** What the payment decider needs to know about the invoice a payment is for. */
export type InvoiceSnapshot = {
  readonly invoiceId: string;
  readonly channelId: string;
  readonly tierId: string;
  readonly subscriberId: string;
  readonly price: Money;
  readonly durationDays: number;
  /** Set once a payment paid it: another payment finishing is then a second payment, not a sale. */
  readonly paidBy?: InvoicePayment;
};

export type InvoiceState =
  | { readonly status: 'none' }
  | (InvoiceSnapshot & {
      readonly status: 'created';
      readonly provider?: { readonly providerInvoiceId: string; readonly invoiceUrl: string };
    });

export const initialInvoiceState: InvoiceState = { status: 'none' };

export const evolveInvoice = (state: InvoiceState, event: InvoiceEvent): InvoiceState => {
  switch (event.type) {
    case 'InvoiceCreated': {
      const { invoiceId, channelId, tierId, subscriberId, price, durationDays } = event.data;
      return { status: 'created', invoiceId, channelId, tierId, subscriberId, price: moneyFromJson(price), durationDays };
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
  const { invoiceId, channelId, tierId, subscriberId, price, durationDays, paidBy } = state;
  return { invoiceId, channelId, tierId, subscriberId, price, durationDays, ...(paidBy === undefined ? {} : { paidBy }) };
};

import { parsePaymentEvent, paymentStreamId, type EventStore, type NormalizedNotice, type PaymentNotice } from '@paygate/domain';

/**
 * The invoice an operator attached the payment to (PaymentExceptionAttached on `payment-<id>`),
 * when it is not the one its order id names: an unmatched payment's order id names no invoice, a
 * refused one's may name another. Undefined when nothing was attached.
 */
export const attachedInvoiceOf = async (eventStore: EventStore, paymentId: string): Promise<string | undefined> => {
  const recorded = (await eventStore.readStream(paymentStreamId(paymentId))).findLast((event) => event.type === 'PaymentExceptionAttached');
  if (!recorded) return undefined;
  const event = parsePaymentEvent(recorded);
  return event.type === 'PaymentExceptionAttached' ? event.data.invoiceId : undefined;
};

/** The notice as if its order id named `invoiceId` (the payment decider records a notice against the invoice it names). */
export const againstInvoice = (notice: NormalizedNotice, input: PaymentNotice, invoiceId: string): [NormalizedNotice, PaymentNotice] => [
  { ...notice, orderId: invoiceId },
  { ...input, orderId: invoiceId },
];

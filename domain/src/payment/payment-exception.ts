import { parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import type { InvoiceSnapshot } from '../invoice/invoice-state.ts';
import { formatMoney, moneyToJson, parseMoney } from '../money/index.ts';
import type { AttachPaymentException, ClosePaymentException } from './payment-commands.ts';
import { PaymentEventSchema, type PaymentEvent } from './payment-events.ts';
import type { NormalizedNotice } from './payment-notice.ts';
import { receivedEvent } from './payment-grant.ts';
import { PROVIDER_AMOUNT_ROUNDING, receivedMoney } from './payment-outcome.ts';
import type { PaymentState } from './payment-state.ts';
import { UNDERPAYMENT_TOLERANCE_BPS } from './underpayment-guard.ts';

const toEvent = (type: PaymentEvent['type'], data: Record<string, unknown>): PaymentEvent => parseWithSchema(PaymentEventSchema, { type, data }, type);

const refuse = (paymentId: string, reason: string): never => {
  throw new PayGateError('validation', `payment ${paymentId} cannot be attached: ${reason}`, { paymentId });
};

/**
 * Whether the payment, as NOWPayments reported it, pays for the invoice (docs/payments.md,
 * "Payment exceptions"): it finished; it was made for a price in the invoice's currency of at
 * least the invoice's price; what was paid is within the underpayment band of what NOWPayments
 * asked (pay_amount); and something arrived (outcome above zero). Otherwise a clear refusal
 * (PayGateError 'validation') naming what falls short.
 */
export const assertCovers = (reported: NormalizedNotice, invoice: InvoiceSnapshot): void => {
  const id = reported.paymentId;
  if (reported.status !== 'finished') refuse(id, `NOWPayments reports it ${reported.status}, not finished`);
  const price = invoice.price;
  if (reported.priceCurrency !== price.currency) refuse(id, `it was made for a price in ${reported.priceCurrency}, the invoice is priced in ${price.currency}`);
  const paidFor = parseMoney(reported.priceAmount, reported.priceCurrency, { rounding: 'truncate' });
  if (paidFor.amount < price.amount) refuse(id, `it was made for ${formatMoney(paidFor)} ${paidFor.currency}, below the invoice's price of ${formatMoney(price)} ${price.currency}`);
  const { actuallyPaid, outcome } = receivedMoney(reported);
  if (reported.payAmount !== undefined) {
    const asked = parseMoney(reported.payAmount, reported.payCurrency, { rounding: PROVIDER_AMOUNT_ROUNDING });
    if (actuallyPaid.amount * 10_000n < asked.amount * BigInt(10_000 - UNDERPAYMENT_TOLERANCE_BPS)) {
      refuse(id, `${formatMoney(actuallyPaid)} ${actuallyPaid.currency} was paid of ${formatMoney(asked)} asked (more than ${UNDERPAYMENT_TOLERANCE_BPS / 100} % short)`);
    }
  }
  if (actuallyPaid.amount === 0n || outcome.amount === 0n) refuse(id, 'nothing arrived');
};

const conflict = (paymentId: string, message: string): never => {
  throw new PayGateError('conflict', message, { paymentId });
};

/** What rules out any decision, whatever it is. */
const checkOpen = (command: AttachPaymentException | ClosePaymentException, state: PaymentState): void => {
  const { paymentId } = command.data;
  if (state.hold !== null && state.hold.decision === null) {
    conflict(paymentId, `payment ${paymentId} is held for review: release or reject it (paygate payments release|reject)`);
  }
  if (state.received && state.exception?.decision !== 'attached') conflict(paymentId, `payment ${paymentId} already granted access; there is no exception to decide`);
  if (state.status === 'refunded') conflict(paymentId, `payment ${paymentId} was refunded by NOWPayments`);
};

const attach = (command: AttachPaymentException, state: PaymentState): PaymentEvent[] => {
  const { paymentId, kind, reported, invoice, decidedBy, note, decidedAt } = command.data;
  const done = state.exception;
  if (done?.decision === 'attached') {
    if (done.invoiceId === invoice.invoiceId) return [];
    return conflict(paymentId, `payment ${paymentId} was attached to invoice ${done.invoiceId ?? '?'} already`);
  }
  if (done?.decision === 'closed') return conflict(paymentId, `payment ${paymentId} was closed; it cannot be attached`);
  checkOpen(command, state);
  if (reported.paymentId !== paymentId) throw new PayGateError('validation', `the notice is for payment ${reported.paymentId}, not ${paymentId}`);
  if (invoice.paidBy !== undefined && invoice.paidBy.paymentId !== paymentId) {
    conflict(paymentId, `invoice ${invoice.invoiceId} was paid by payment ${invoice.paidBy.paymentId}; attaching ${paymentId} would sell it twice`);
  }
  assertCovers(reported, invoice);
  const { actuallyPaid, outcome } = receivedMoney(reported);
  const { invoiceId, channelId, tierId, subscriberId, price, durationDays, donation } = invoice;
  const grant = receivedEvent({
    paymentId,
    invoiceId,
    channelId,
    tierId,
    subscriberId,
    receivedAt: decidedAt,
    price: moneyToJson(price),
    ...(donation === undefined ? { durationDays } : { donation }),
    actuallyPaid: moneyToJson(actuallyPaid),
    outcome: moneyToJson(outcome),
  });
  // DonationReceived for a donation invoice: split like a payment, never a grant.
  return [toEvent('PaymentExceptionAttached', { paymentId, kind, invoiceId, decidedBy, note, decidedAt }), toEvent(grant.type, grant.data)];
};

const close = (command: ClosePaymentException, state: PaymentState): PaymentEvent[] => {
  const { paymentId, kind, decidedBy, reason, decidedAt } = command.data;
  if (state.exception?.decision === 'closed') return [];
  if (state.exception?.decision === 'attached') return conflict(paymentId, `payment ${paymentId} was attached to invoice ${state.exception.invoiceId ?? '?'}; it cannot be closed`);
  checkOpen(command, state);
  return [toEvent('PaymentExceptionClosed', { paymentId, kind, decidedBy, reason, decidedAt })];
};

/**
 * An operator's decision on a payment exception, on `payment-<paymentId>`. Attach grants the
 * invoice (PaymentExceptionAttached + PaymentReceived, which the access and split managers act
 * on as for any grant) when the payment covers it; close records the reason and grants nothing.
 * The same decision again is `[]`; the other one after a decision is `conflict`; a held payment
 * goes through release/reject instead, and one that granted already or was refunded has nothing to decide.
 */
export const decidePaymentException = (command: AttachPaymentException | ClosePaymentException, state: PaymentState): PaymentEvent[] =>
  command.type === 'AttachPaymentException' ? attach(command, state) : close(command, state);

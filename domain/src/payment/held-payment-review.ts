import { parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import type { ReleaseHeldPayment, RejectHeldPayment } from './payment-commands.ts';
import { PaymentEventSchema, type PaymentEvent } from './payment-events.ts';
import { receivedEvent } from './payment-grant.ts';
import type { PaymentState } from './payment-state.ts';

const toEvent = (type: PaymentEvent['type'], data: Record<string, unknown>): PaymentEvent =>
  parseWithSchema(PaymentEventSchema, { type, data }, type);

/**
 * An operator's decision on a payment held for review. The same decision again is `[]` (a
 * retried click); the opposite one after a decision, a decision with nothing held, a release
 * after NOWPayments refunded the payment, or one of an invoice another payment paid meanwhile is
 * `conflict`.
 */
export const decideHeldPayment = (command: ReleaseHeldPayment | RejectHeldPayment, state: PaymentState): PaymentEvent[] => {
  const { paymentId, decidedBy, note, decidedAt } = command.data;
  const hold = state.hold;
  if (hold === null || hold.held.paymentId !== paymentId) {
    throw new PayGateError('conflict', `payment ${paymentId} is not held for review`, { paymentId });
  }
  const wanted = command.type === 'ReleaseHeldPayment' ? 'released' : 'rejected';
  if (hold.decision === wanted) return [];
  if (hold.decision !== null) throw new PayGateError('conflict', `held payment ${paymentId} was already ${hold.decision}`, { paymentId });
  const decision = { paymentId, invoiceId: hold.held.invoiceId, decidedBy, note, decidedAt };
  if (wanted === 'rejected') return [toEvent('PaymentHoldRejected', decision)];
  if (state.status === 'refunded') throw new PayGateError('conflict', `held payment ${paymentId} was refunded; it cannot be released`, { paymentId });
  const paidBy = command.type === 'ReleaseHeldPayment' ? command.data.invoicePaidBy : undefined;
  if (paidBy !== undefined && paidBy !== paymentId) {
    throw new PayGateError(
      'conflict',
      `invoice ${hold.held.invoiceId} was paid meanwhile by payment ${paidBy}; releasing ${paymentId} would sell it twice: reject it and refund it in NOWPayments`,
      { paymentId, invoiceId: hold.held.invoiceId, paidBy },
    );
  }
  const { reason: _reason, payAmount: _payAmount, shortfallBps: _shortfall, toleranceBps: _tolerance, ...received } = hold.held;
  const grant = receivedEvent(received); // DonationReceived for a held donation
  return [toEvent('PaymentHoldReleased', decision), toEvent(grant.type, grant.data)];
};

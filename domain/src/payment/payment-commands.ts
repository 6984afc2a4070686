import type { DomainCommand } from '../decider/decider.ts';
import type { InvoiceSnapshot } from '../invoice/invoice-state.ts';
import type { NormalizedNotice, PaymentNotice } from './payment-notice.ts';
import type { PaymentExceptionKind } from './payment-exception-events.ts';

/**
 * Records one IPN for a payment of a known invoice. The handler loads `invoice-<notice.orderId>`
 * and passes `invoiceSnapshot(state)`; when that is null (or orderId is null) the IPN goes to the
 * unmatched-payment decider instead.
 */
export type RecordPaymentStatus = DomainCommand<'RecordPaymentStatus', { notice: PaymentNotice; invoice: InvoiceSnapshot }>;

/** An operator's decision on a payment held for review (PaymentHeldForReview), on `payment-<paymentId>`. */
export type HeldPaymentDecision = {
  paymentId: string;
  /** Who decided: an operator id or name without spaces (audit trail). */
  decidedBy: string;
  /** Why, in the operator's words (1-500 characters). */
  note: string;
  decidedAt: string;
};

/**
 * Grants the held payment: PaymentHoldReleased + PaymentReceived. `invoicePaidBy`: the payment
 * that paid its invoice meanwhile, if any (the handler reads it from the invoice stream); a
 * release is then refused, since it would sell the same purchase twice.
 */
export type ReleaseHeldPayment = DomainCommand<'ReleaseHeldPayment', HeldPaymentDecision & { invoicePaidBy?: string }>;

/** Refuses the held payment for good: PaymentHoldRejected, never a grant. */
export type RejectHeldPayment = DomainCommand<'RejectHeldPayment', HeldPaymentDecision>;

/** An operator's decision on a payment exception (payment-exception.ts), on `payment-<paymentId>`. */
export type ExceptionDecision = { paymentId: string; kind: PaymentExceptionKind; decidedBy: string; decidedAt: string };

/**
 * Grants `invoice` from the payment as NOWPayments reported it (`reported`: the notice of the
 * unmatched, mismatched, … payment, read by the handler from wherever it was kept), if it covers
 * the invoice's price: PaymentExceptionAttached + PaymentReceived.
 */
export type AttachPaymentException = DomainCommand<'AttachPaymentException', ExceptionDecision & { reported: NormalizedNotice; invoice: InvoiceSnapshot; note: string }>;

/** Closes the exception for good with the operator's reason: PaymentExceptionClosed, never a grant. */
export type ClosePaymentException = DomainCommand<'ClosePaymentException', ExceptionDecision & { reason: string }>;

export type PaymentCommand = RecordPaymentStatus | ReleaseHeldPayment | RejectHeldPayment | AttachPaymentException | ClosePaymentException;

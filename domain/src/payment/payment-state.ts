import type { PaymentEvent, PaymentHeldForReview } from './payment-events.ts';
import type { PaymentStatus } from './payment-status.ts';

export type PaymentState = {
  /** The latest status in the order; null before the first IPN. */
  readonly status: PaymentStatus | null;
  readonly invoiceId: string | null;
  /** `current>reported` pairs already recorded as PaymentStatusConflicted, so a retried IPN adds nothing. */
  readonly conflicts: ReadonlySet<string>;
  /** Set by PaymentHeldForReview; `decision` once an operator released or rejected it. */
  readonly hold: { readonly held: PaymentHeldForReview['data']; readonly decision: 'released' | 'rejected' | null } | null;
  /** A PaymentReceived (granted access) or DonationReceived was recorded: it was split, a refund must undo that (and the access). */
  readonly received: boolean;
  /** An operator's decision on this payment as an exception (payment-exception.ts). */
  readonly exception: { readonly decision: 'attached' | 'closed'; readonly invoiceId?: string } | null;
};

export const initialPaymentState: PaymentState = { status: null, invoiceId: null, conflicts: new Set(), hold: null, received: false, exception: null };

export const conflictKey = (current: PaymentStatus, reported: PaymentStatus): string => `${current}>${reported}`;

export const evolvePayment = (state: PaymentState, event: PaymentEvent): PaymentState => {
  switch (event.type) {
    case 'PaymentStatusRecorded':
      return { ...state, status: event.data.status, invoiceId: event.data.invoiceId };
    case 'PaymentReceived':
    case 'DonationReceived':
      return { ...state, received: true };
    case 'PaymentHeldForReview':
      return { ...state, hold: { held: event.data, decision: null } };
    case 'PaymentHoldReleased':
      return state.hold === null ? state : { ...state, hold: { ...state.hold, decision: 'released' } };
    case 'PaymentHoldRejected':
      return state.hold === null ? state : { ...state, hold: { ...state.hold, decision: 'rejected' } };
    case 'PaymentExceptionAttached':
      return { ...state, invoiceId: state.invoiceId ?? event.data.invoiceId, exception: { decision: 'attached', invoiceId: event.data.invoiceId } };
    case 'PaymentExceptionClosed':
      return { ...state, exception: { decision: 'closed' } };
    case 'PaymentStatusConflicted':
      return { ...state, conflicts: new Set(state.conflicts).add(conflictKey(event.data.currentStatus, event.data.reportedStatus)) };
    default:
      return state;
  }
};

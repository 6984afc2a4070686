import type { PaymentEvent } from './payment-events.ts';
import type { PaymentStatus } from './payment-status.ts';

export type PaymentState = {
  /** The latest status in the order; null before the first IPN. */
  readonly status: PaymentStatus | null;
  readonly invoiceId: string | null;
  /** `current>reported` pairs already recorded as PaymentStatusConflicted, so a retried IPN adds nothing. */
  readonly conflicts: ReadonlySet<string>;
};

export const initialPaymentState: PaymentState = { status: null, invoiceId: null, conflicts: new Set() };

export const conflictKey = (current: PaymentStatus, reported: PaymentStatus): string => `${current}>${reported}`;

export const evolvePayment = (state: PaymentState, event: PaymentEvent): PaymentState => {
  switch (event.type) {
    case 'PaymentStatusRecorded':
      return { ...state, status: event.data.status, invoiceId: event.data.invoiceId };
    case 'PaymentStatusConflicted':
      return { ...state, conflicts: new Set(state.conflicts).add(conflictKey(event.data.currentStatus, event.data.reportedStatus)) };
    default:
      return state;
  }
};

import type { Decider } from '../decider/decider.ts';
import type { DomainCommand } from '../decider/decider.ts';
import { parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import { normalizeNotice, type PaymentNotice } from './payment-notice.ts';
import type { PaymentStatus } from './payment-status.ts';
import { UnmatchedPaymentRecordedSchema, type UnmatchedPaymentEvent } from './unmatched-payment-events.ts';

export type RecordUnmatchedPayment = DomainCommand<'RecordUnmatchedPayment', { notice: PaymentNotice }>;

export type UnmatchedPaymentState = { readonly paymentId: string | null; readonly statuses: ReadonlySet<PaymentStatus> };

export const initialUnmatchedPaymentState: UnmatchedPaymentState = { paymentId: null, statuses: new Set() };

/**
 * Stream `unmatched-payment-<paymentId>`. Each status is recorded once, in whatever order it
 * comes: nothing is granted from here, so there is no order to protect, only a trail to keep.
 */
export const unmatchedPaymentDecider: Decider<RecordUnmatchedPayment, UnmatchedPaymentEvent, UnmatchedPaymentState> = {
  initialState: initialUnmatchedPaymentState,
  evolve: (state, event) =>
    event.type === 'UnmatchedPaymentRecorded'
      ? { paymentId: event.data.paymentId, statuses: new Set(state.statuses).add(event.data.status) }
      : state,
  decide: (command, state) => {
    const notice = normalizeNotice(command.data.notice);
    if (state.paymentId !== null && state.paymentId !== notice.paymentId) {
      throw new PayGateError('validation', `notice for payment ${notice.paymentId} on the stream of ${state.paymentId}`);
    }
    if (state.statuses.has(notice.status)) return [];
    return [parseWithSchema(UnmatchedPaymentRecordedSchema, { type: 'UnmatchedPaymentRecorded', data: notice }, 'UnmatchedPaymentRecorded')];
  },
};

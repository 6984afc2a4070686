import type { Decider, DomainCommand } from '../decider/decider.ts';
import { parseWithSchema } from '../decider/event-schema.ts';
import type { IpnNotice } from './ipn-notice.ts';
import type { NormalizedNotice } from './payment-notice.ts';
import type { PaymentStatus } from './payment-status.ts';
import { PaymentNoticeRefusedSchema, type PaymentNoticeRefused } from './refused-payment-events.ts';

export type RecordRefusedNotice = DomainCommand<
  'RecordRefusedNotice',
  { notice: NormalizedNotice; invoiceId?: string; errorKind: 'validation' | 'conflict'; reason: string; refusedAt: string }
>;

export type RefusedPaymentState = { readonly statuses: ReadonlySet<PaymentStatus> };

/** Stream `refused-payment-<paymentId>`: each refused status once, however often NOWPayments sends it. */
export const refusedPaymentDecider: Decider<RecordRefusedNotice, PaymentNoticeRefused, RefusedPaymentState> = {
  initialState: { statuses: new Set() },
  evolve: (state, event) =>
    event.type === 'PaymentNoticeRefused' ? { statuses: new Set(state.statuses).add(event.data.status) } : state,
  decide: ({ data }, state) => {
    if (state.statuses.has(data.notice.status)) return [];
    const { notice, invoiceId, errorKind, refusedAt } = data;
    const event = {
      type: 'PaymentNoticeRefused',
      data: {
        paymentId: notice.paymentId,
        status: notice.status,
        ...(invoiceId === undefined ? {} : { invoiceId }),
        errorKind,
        reason: data.reason.slice(0, 500),
        notice,
        refusedAt,
      },
    };
    return [parseWithSchema(PaymentNoticeRefusedSchema, event, 'PaymentNoticeRefused')];
  },
};

/** The refused notice as an IpnNotice again, to feed back to recordIpn once the cause is fixed. */
export const refusedNotice = (event: PaymentNoticeRefused): IpnNotice => {
  const { receivedAt: _receivedAt, orderId, ...notice } = event.data.notice;
  return { ...notice, orderId: orderId ?? null };
};

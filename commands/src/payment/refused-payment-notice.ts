import * as v from 'valibot';
import {
  createEventParser,
  IdSchema,
  noticeEntries,
  parseWithSchema,
  TimestampSchema,
  type Decider,
  type DomainCommand,
  type NormalizedNotice,
  type PaymentNotice,
  type PaymentStatus,
} from '@paygate/domain';

/**
 * A genuine (signed, well-formed) IPN the payment decider refused: a `finished` in a currency
 * missing from the registry or without an outcome amount (validation), or a payment id already
 * recorded for another invoice (conflict). Retrying cannot change the answer, so the webhook
 * acknowledges it and this event keeps it, whole, where an operator sees it; after the fix
 * (e.g. the currency added) `recordIpn(refusedNotice(event))` records it for real.
 */
export const refusedPaymentStreamId = (paymentId: string): string => `refused-payment-${paymentId}`;

export const PaymentNoticeRefusedSchema = v.object({
  type: v.literal('PaymentNoticeRefused'),
  data: v.object({
    paymentId: IdSchema,
    status: noticeEntries.status,
    /** The invoice the order id named, when there is one. */
    invoiceId: v.exactOptional(IdSchema),
    errorKind: v.picklist(['validation', 'conflict']),
    reason: v.pipe(v.string(), v.minLength(1), v.maxLength(500)),
    notice: v.object({ ...noticeEntries, orderId: v.exactOptional(IdSchema) }),
    refusedAt: TimestampSchema,
  }),
});

export type PaymentNoticeRefused = v.InferOutput<typeof PaymentNoticeRefusedSchema>;
export const parseRefusedPaymentEvent = createEventParser(v.variant('type', [PaymentNoticeRefusedSchema]), 'refused payment');

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

/** The refused notice as a PaymentNotice again, to feed back to recordIpn once the cause is fixed. */
export const refusedNotice = (event: PaymentNoticeRefused): Omit<PaymentNotice, 'receivedAt'> => {
  const { receivedAt: _receivedAt, orderId, ...notice } = event.data.notice;
  return { ...notice, orderId: orderId ?? null };
};

import type { RecordRefund } from './subscription-commands.ts';
import type { RefundEffect, SubscriptionEvent } from './subscription-events.ts';
import type { SubscriptionState } from './subscription-state.ts';
import { addDays, toMs } from './subscription-time.ts';
import { toSubscriptionEvent } from './access-decisions.ts';

export type RefundOutcome = { effect: RefundEffect; previousEndsAt?: string; endsAt?: string };

/**
 * What a refund of the payment that bought `invoiceId` does to the access (docs/payments.md,
 * "Refunds and chargebacks"): the days it bought come off the current end. If the end that
 * leaves is at or before `now`, nothing of the period remains and access ends now (no grace: a
 * refund is not a lapse); otherwise the period is shortened. A period already over (expired)
 * has nothing left to take; a refund before the grant is recorded so the grant never happens.
 */
export const refundOutcome = (state: SubscriptionState, input: { invoiceId: string; durationDays: number; now: Date }): RefundOutcome => {
  if (!state.grants.has(input.invoiceId)) return { effect: 'not_granted' };
  const period = state.period;
  if (!period || period.expired) return { effect: 'ended' };
  const endsAt = addDays(period.endsAt, -input.durationDays);
  if (toMs(endsAt) <= input.now.getTime()) return { effect: 'revoked', previousEndsAt: period.endsAt };
  return { effect: 'shortened', previousEndsAt: period.endsAt, endsAt };
};

/** Once per invoice: a redelivered refund records nothing. */
export const recordRefund = ({ data }: RecordRefund, state: SubscriptionState): SubscriptionEvent[] => {
  const { channelId, subscriberId, invoiceId, paymentId, durationDays, refundedAt } = data;
  if (state.refundedInvoices.has(invoiceId)) return [];
  const outcome = refundOutcome(state, { invoiceId, durationDays, now: new Date(toMs(refundedAt)) });
  const refunded = toSubscriptionEvent('SubscriptionRefunded', { channelId, subscriberId, invoiceId, paymentId, durationDays, ...outcome, refundedAt });
  if (outcome.effect !== 'revoked') return [refunded];
  const period = outcome.previousEndsAt!;
  return [
    refunded,
    toSubscriptionEvent('AccessRevoked', { channelId, subscriberId, period, revokedAt: refundedAt }),
    toSubscriptionEvent('SubscriptionExpired', { channelId, subscriberId, period, expiredAt: refundedAt }),
  ];
};

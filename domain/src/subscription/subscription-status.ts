import type { SubscriptionState } from './subscription-state.ts';
import { graceEnd, toMs } from './subscription-time.ts';

/**
 * What a subscriber's status is at `now`, for the bot and the sweep: active before the end,
 * grace until end + grace (still a member, a payment still extends from the end), lapsed past
 * grace but not yet removed, expired once removed.
 */
export type SubscriptionStatus =
  | { status: 'none' }
  | { status: 'active' | 'grace' | 'lapsed' | 'expired'; tierId: string; startsAt: string; endsAt: string };

export const subscriptionStatus = (state: SubscriptionState, now: Date, graceSeconds: number): SubscriptionStatus => {
  const period = state.period;
  if (!period) return { status: 'none' };
  const { tierId, startsAt, endsAt } = period;
  const at = now.getTime();
  const status = period.expired ? 'expired' : at < toMs(endsAt) ? 'active' : at < graceEnd(endsAt, graceSeconds) ? 'grace' : 'lapsed';
  return { status, tierId, startsAt, endsAt };
};

import type { RecordExpiryNotice, RecordExpiryReminder, RevokeAccess } from './subscription-commands.ts';
import type { SubscriptionEvent } from './subscription-events.ts';
import type { Period, SubscriptionState } from './subscription-state.ts';
import { DAY_MS, graceEnd, toMs } from './subscription-time.ts';
import { toSubscriptionEvent } from './access-decisions.ts';

/** The running period named `period` (its end), or null when it ended, expired or was extended. */
const runningPeriod = (state: SubscriptionState, period: string): Period | null =>
  state.period && !state.period.expired && toMs(state.period.endsAt) === toMs(period) ? state.period : null;

const notRemindedYet = (period: Period, daysBefore: number) => period.remindedDays === null || period.remindedDays > daysBefore;

/**
 * Whether the `daysBefore` reminder of `period` should go out at `now`: the period still runs,
 * its end is within `daysBefore` days but not past, that reminder (or a later, closer one) was
 * not sent, and the reminder time falls inside the period (a 1-day period gets no 3-day reminder).
 */
export const reminderDue = (state: SubscriptionState, input: { period: string; daysBefore: number; now: Date }): boolean => {
  const period = runningPeriod(state, input.period);
  if (!period || !notRemindedYet(period, input.daysBefore)) return false;
  const end = toMs(period.endsAt);
  const remindAt = end - input.daysBefore * DAY_MS;
  const now = input.now.getTime();
  return now >= remindAt && now < end && remindAt >= toMs(period.since);
};

/** Never twice for one period and lead time: a repeat (or a farther reminder after a closer one) records nothing. */
export const recordExpiryReminder = ({ data }: RecordExpiryReminder, state: SubscriptionState): SubscriptionEvent[] => {
  const period = runningPeriod(state, data.period);
  if (!period || !notRemindedYet(period, data.daysBefore)) return [];
  const { messageId, ...rest } = data;
  return [toSubscriptionEvent('ExpiryReminderSent', { ...rest, period: period.endsAt, ...(messageId === undefined ? {} : { messageId }) })];
};

/** Whether `period` is due for removal at `now`: still running and past its end plus grace. */
export const revocationDue = (state: SubscriptionState, input: { period: string; now: Date; graceSeconds: number }): boolean => {
  const period = runningPeriod(state, input.period);
  return period !== null && input.now.getTime() >= graceEnd(period.endsAt, input.graceSeconds);
};

/** Once per period: a renewal in between (a new period) or a repeat records nothing. */
export const revokeAccess = ({ data }: RevokeAccess, state: SubscriptionState): SubscriptionEvent[] => {
  const { channelId, subscriberId, revokedAt, graceSeconds } = data;
  if (!revocationDue(state, { period: data.period, now: new Date(toMs(revokedAt)), graceSeconds })) return [];
  const period = state.period!.endsAt;
  return [
    toSubscriptionEvent('AccessRevoked', { channelId, subscriberId, period, revokedAt }),
    toSubscriptionEvent('SubscriptionExpired', { channelId, subscriberId, period, expiredAt: revokedAt }),
  ];
};

/** Whether the "how to come back" DM of `period` is still owed. */
export const expiryNoticeDue = (state: SubscriptionState, period: string): boolean =>
  state.period !== null && state.period.expired && !state.period.noticeSent && toMs(state.period.endsAt) === toMs(period);

export const recordExpiryNotice = ({ data }: RecordExpiryNotice, state: SubscriptionState): SubscriptionEvent[] => {
  if (!expiryNoticeDue(state, data.period)) return [];
  const { messageId, ...rest } = data;
  return [toSubscriptionEvent('ExpiryNoticeSent', { ...rest, period: state.period!.endsAt, ...(messageId === undefined ? {} : { messageId }) })];
};

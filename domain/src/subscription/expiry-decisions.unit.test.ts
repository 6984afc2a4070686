import { describe, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import { subscriptionDecider } from './subscription-decider.ts';
import { parseSubscriptionEvent } from './subscription-events.ts';
import { active, cmd, END, ev, extended, granted, GRACE, link2 } from './subscription-fixtures.ts';

const given = deciderSpec(subscriptionDecider, { validateEvent: parseSubscriptionEvent });
const remind = (daysBefore: number, sentAt = '2026-01-28T00:00:00.000Z', period = END) =>
  cmd('RecordExpiryReminder', { period, daysBefore, delivery: 'sent', messageId: 9, sentAt });
const reminded = (daysBefore: number, sentAt = '2026-01-28T00:00:00.000Z', period = END) =>
  ev('ExpiryReminderSent', { period, daysBefore, delivery: 'sent', messageId: 9, sentAt });
const revoke = (revokedAt = '2026-02-01T00:00:00.000Z', period = END) => cmd('RevokeAccess', { period, revokedAt, graceSeconds: GRACE });
const revoked = (at = '2026-02-01T00:00:00.000Z') => [ev('AccessRevoked', { period: END, revokedAt: at }), ev('SubscriptionExpired', { period: END, expiredAt: at })];
const renewed = [granted('inv2', '2026-01-20T00:00:00.000Z', link2), extended('inv2', END, '2026-03-02T00:00:00.000Z', '2026-01-20T00:00:00.000Z')];

describe('subscription: RecordExpiryReminder', () => {
  it('records a reminder', () => given(active).when(remind(3)).then([reminded(3)]));
  it('never twice for the same period and lead time', () => given([...active, reminded(3)]).when(remind(3, '2026-01-28T00:05:00.000Z')).then([]));
  it('the 1-day reminder follows the 3-day one', () =>
    given([...active, reminded(3)]).when(remind(1, '2026-01-30T00:00:00.000Z')).then([reminded(1, '2026-01-30T00:00:00.000Z')]));
  it('no 3-day reminder after the 1-day one', () => given([...active, reminded(1)]).when(remind(3)).then([]));
  it('a period that was extended gets its own reminders', () => {
    given([...active, reminded(3), ...renewed]).when(remind(3, '2026-02-27T00:00:00.000Z', '2026-03-02T00:00:00.000Z')).then([
      reminded(3, '2026-02-27T00:00:00.000Z', '2026-03-02T00:00:00.000Z'),
    ]);
    given([...active, ...renewed]).when(remind(3)).then([]); // the old period is gone
  });
  it('nothing for an expired period, or with no subscription', () => {
    given([...active, ...revoked()]).when(remind(1)).then([]);
    given([]).when(remind(1)).then([]);
  });
  it('validates the lead time', () => given(active).when(remind(0)).thenThrows('validation', 'daysBefore'));
});

describe('subscription: RevokeAccess', () => {
  it('revokes and expires at the end plus grace', () => given(active).when(revoke()).then(revoked()));
  it('not before the end plus grace', () => given(active).when(revoke('2026-01-31T23:59:59.999Z')).then([]));
  it('never twice for the same period', () => given([...active, ...revoked()]).when(revoke('2026-02-02T00:00:00.000Z')).then([]));
  it('a renewal in between leaves the new period alone', () => given([...active, ...renewed]).when(revoke()).then([]));
  it('accepts the same instant written with an offset', () => given(active).when(revoke('2026-02-01T00:00:00.000Z', '2026-01-31T02:00:00+02:00')).then(revoked()));
});

describe('subscription: RecordExpiryNotice', () => {
  const notice = cmd('RecordExpiryNotice', { period: END, delivery: 'sent', messageId: 3, sentAt: '2026-02-01T00:00:01.000Z' });
  const noticed = ev('ExpiryNoticeSent', { period: END, delivery: 'sent', messageId: 3, sentAt: '2026-02-01T00:00:01.000Z' });
  it('records the come-back DM once, after expiry', () => {
    given([...active, ...revoked()]).when(notice).then([noticed]);
    given([...active, ...revoked(), noticed]).when(notice).then([]);
    given(active).when(notice).then([]);
  });
});

import { describe, expect, it } from 'vitest';
import { foldEvents } from '../decider/index.ts';
import { classifyJoin, joinRequestVerdict } from './access-decisions.ts';
import { expiryNoticeDue, reminderDue, revocationDue } from './expiry-decisions.ts';
import { subscriptionDecider } from './subscription-decider.ts';
import { subscriptionStatus } from './subscription-status.ts';
import { active, END, ev, GRACE, link1, link2, t0 } from './subscription-fixtures.ts';

const state = (events = active) => foldEvents(subscriptionDecider, events);
const at = (iso: string) => new Date(iso);

describe('subscription: what the handlers ask before acting', () => {
  it('join verdicts say whether to revoke the link', () => {
    const s = state();
    const now = Date.parse(t0);
    expect(joinRequestVerdict(s, { inviteLink: link1, nowMs: now, graceSeconds: GRACE })).toEqual({ action: 'approve' });
    expect(joinRequestVerdict(s, { inviteLink: link2, nowMs: now, graceSeconds: GRACE })).toEqual({ action: 'decline', reason: 'not_issued', revokeLink: false });
    expect(joinRequestVerdict(s, { inviteLink: link1, nowMs: Date.parse(END) + GRACE * 1000, graceSeconds: GRACE })).toMatchObject({ revokeLink: true });
  });

  it('classifies joins: own link while active, bot link of someone else, owner links', () => {
    const s = state();
    const now = Date.parse(t0);
    expect(classifyJoin(s, { inviteLink: link1, createdByBot: true, nowMs: now, graceSeconds: GRACE })).toEqual({ kind: 'member', inviteLink: link1 });
    expect(classifyJoin(s, { inviteLink: link2, createdByBot: true, nowMs: now, graceSeconds: GRACE })).toEqual({ kind: 'intruder', inviteLink: link2 });
    expect(classifyJoin(s, { inviteLink: link2, createdByBot: false, nowMs: now, graceSeconds: GRACE })).toEqual({ kind: 'ignore' });
    expect(classifyJoin(s, { createdByBot: false, nowMs: now, graceSeconds: GRACE })).toEqual({ kind: 'ignore' });
    // Their own link, but the period is over: an admin let them in by hand.
    expect(classifyJoin(s, { inviteLink: link1, createdByBot: true, nowMs: Date.parse(END) + GRACE * 1000, graceSeconds: GRACE })).toMatchObject({ kind: 'intruder' });
  });

  it('reminder due windows', () => {
    const s = state();
    const due = (now: string, daysBefore = 3) => reminderDue(s, { period: END, daysBefore, now: at(now) });
    expect(due('2026-01-27T23:59:59.000Z')).toBe(false);
    expect(due('2026-01-28T00:00:00.000Z')).toBe(true);
    expect(due('2026-01-30T23:59:59.000Z')).toBe(true);
    expect(due(END)).toBe(false); // ended: no reminder any more
    expect(reminderDue(s, { period: '2026-02-28T00:00:00.000Z', daysBefore: 3, now: at('2026-01-29T00:00:00.000Z') })).toBe(false);
    const reminded1 = state([...active, ev('ExpiryReminderSent', { period: END, daysBefore: 1, delivery: 'sent', messageId: 1, sentAt: t0 })]);
    expect(reminderDue(reminded1, { period: END, daysBefore: 3, now: at('2026-01-30T12:00:00.000Z') })).toBe(false);
    // A 1-day period gets no 3-day reminder.
    const short = state([
      ev('AccessGranted', { invoiceId: 'i', paymentId: 'p', tierId: 'day', chatId: '-100', inviteLink: link1, linkName: 'n', linkExpiresAt: t0, grantedAt: t0 }),
      ev('SubscriptionStarted', { invoiceId: 'i', tierId: 'day', durationDays: 1, startsAt: t0, endsAt: '2026-01-02T00:00:00.000Z' }),
    ]);
    expect(reminderDue(short, { period: '2026-01-02T00:00:00.000Z', daysBefore: 3, now: at('2026-01-01T01:00:00.000Z') })).toBe(false);
    expect(reminderDue(short, { period: '2026-01-02T00:00:00.000Z', daysBefore: 1, now: at('2026-01-01T00:00:00.000Z') })).toBe(true);
  });

  it('revocation and notice due', () => {
    const s = state();
    expect(revocationDue(s, { period: END, now: at('2026-01-31T23:59:59.999Z'), graceSeconds: GRACE })).toBe(false);
    expect(revocationDue(s, { period: END, now: at('2026-02-01T00:00:00.000Z'), graceSeconds: GRACE })).toBe(true);
    expect(revocationDue(s, { period: END, now: at(END), graceSeconds: 0 })).toBe(true);
    expect(expiryNoticeDue(s, END)).toBe(false);
    const expired = state([...active, ev('SubscriptionExpired', { period: END, expiredAt: '2026-02-01T00:00:00.000Z' })]);
    expect(expiryNoticeDue(expired, END)).toBe(true);
    expect(revocationDue(expired, { period: END, now: at('2026-03-01T00:00:00.000Z'), graceSeconds: GRACE })).toBe(false);
  });

  it('status through the life of a period', () => {
    const s = state();
    expect(subscriptionStatus(state([]), at(t0), GRACE)).toEqual({ status: 'none' });
    expect(subscriptionStatus(s, at(t0), GRACE)).toMatchObject({ status: 'active', endsAt: END, tierId: 'monthly' });
    expect(subscriptionStatus(s, at('2026-01-31T12:00:00.000Z'), GRACE).status).toBe('grace');
    expect(subscriptionStatus(s, at('2026-02-02T00:00:00.000Z'), GRACE).status).toBe('lapsed');
    const expired = state([...active, ev('SubscriptionExpired', { period: END, expiredAt: '2026-02-01T00:00:00.000Z' })]);
    expect(subscriptionStatus(expired, at('2026-02-02T00:00:00.000Z'), GRACE).status).toBe('expired');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyStatus, isLaterStatus, PAYMENT_STATUSES, type PaymentStatus } from './payment-status.ts';

describe('payment status order', () => {
  it.each<[PaymentStatus | null, PaymentStatus, string]>([
    [null, 'waiting', 'advance'],
    [null, 'refunded', 'advance'],
    ['waiting', 'confirming', 'advance'],
    ['waiting', 'finished', 'advance'],
    ['confirming', 'confirmed', 'advance'],
    ['confirmed', 'sending', 'advance'],
    ['sending', 'finished', 'advance'],
    ['waiting', 'partially_paid', 'advance'],
    ['confirming', 'failed', 'advance'],
    ['sending', 'expired', 'advance'],
    ['partially_paid', 'finished', 'advance'],
    ['finished', 'refunded', 'advance'],
    ['partially_paid', 'refunded', 'advance'],
    ['failed', 'refunded', 'advance'],
    ['waiting', 'waiting', 'stale'],
    ['finished', 'finished', 'stale'],
    ['sending', 'confirming', 'stale'],
    ['finished', 'waiting', 'stale'],
    ['finished', 'partially_paid', 'stale'],
    ['refunded', 'finished', 'stale'],
    ['expired', 'waiting', 'stale'],
    ['expired', 'finished', 'conflict'],
    ['failed', 'finished', 'conflict'],
    ['finished', 'failed', 'conflict'],
    ['partially_paid', 'expired', 'conflict'],
    ['expired', 'refunded', 'conflict'],
    ['refunded', 'expired', 'conflict'],
  ])('%s → %s is %s', (current, reported, move) => {
    expect(classifyStatus(current, reported)).toBe(move);
  });

  it('refunded only follows finished, partially_paid or failed (and what precedes them)', () => {
    const before = PAYMENT_STATUSES.filter((status) => isLaterStatus(status, 'refunded'));
    expect(before.sort()).toEqual(['confirmed', 'confirming', 'failed', 'finished', 'partially_paid', 'sending', 'waiting']);
  });

  it('is a strict partial order: irreflexive, antisymmetric, transitive', () => {
    const status = fc.constantFrom(...PAYMENT_STATUSES);
    fc.assert(
      fc.property(status, status, status, (a, b, c) => {
        expect(isLaterStatus(a, a)).toBe(false);
        if (isLaterStatus(a, b)) expect(isLaterStatus(b, a)).toBe(false);
        if (isLaterStatus(a, b) && isLaterStatus(b, c)) expect(isLaterStatus(a, c)).toBe(true);
        const there = classifyStatus(a, b);
        const back = classifyStatus(b, a);
        if (a !== b) expect([there, back].sort()).toEqual(there === 'conflict' ? ['conflict', 'conflict'] : ['advance', 'stale']);
      }),
    );
  });
});

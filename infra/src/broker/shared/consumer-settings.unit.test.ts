import { describe, expect, it } from 'vitest';
import { isPayGateError } from '@paygate/domain';
import { backoffDelay, consumerSettings, errorText, isValidSubject, subjectMatches } from './consumer-settings.ts';
import { checkHeaders } from './headers.ts';

const kindOf = (run: () => unknown) => {
  try {
    run();
    return 'none';
  } catch (error) {
    return isPayGateError(error) ? error.kind : 'other';
  }
};

describe('subjectMatches (NATS wildcard rules)', () => {
  it.each([
    ['paygate.events.>', 'paygate.events.invoice.created', true],
    ['paygate.events.>', 'paygate.events', false],
    ['paygate.*.created', 'paygate.invoice.created', true],
    ['paygate.*.created', 'paygate.invoice.paid', false],
    ['paygate.*', 'paygate.invoice.created', false],
    ['>', 'anything.at.all', true],
    ['a.b', 'a.b', true],
    ['a.b', 'a.b.c', false],
  ])('%s vs %s → %s', (filter, subject, expected) => {
    expect(subjectMatches(filter, subject)).toBe(expected);
  });

  it('validates subjects and filters', () => {
    expect(isValidSubject('paygate.events.x', { wildcards: false })).toBe(true);
    expect(isValidSubject('paygate.*.x', { wildcards: false })).toBe(false);
    expect(isValidSubject('paygate.>.x', { wildcards: true })).toBe(false);
    expect(isValidSubject('paygate..x', { wildcards: true })).toBe(false);
    expect(isValidSubject('pay gate.x', { wildcards: true })).toBe(false);
  });
});

describe('consumer settings', () => {
  it('fills defaults and validates', () => {
    expect(consumerSettings({ name: 'payout-manager', filterSubject: 'paygate.events.>' })).toEqual({
      name: 'payout-manager',
      filterSubject: 'paygate.events.>',
      ackWaitMs: 30_000,
      maxDeliver: 5,
      backoffMs: [1_000, 5_000, 30_000],
      maxInFlight: 1,
    });
    expect(kindOf(() => consumerSettings({ name: 'has.dot', filterSubject: 'a.>' }))).toBe('validation');
    expect(kindOf(() => consumerSettings({ name: 'ok', filterSubject: 'a.>', maxDeliver: 0 }))).toBe('validation');
    expect(kindOf(() => consumerSettings({ name: 'ok', filterSubject: 'a.>', backoffMs: [-1] }))).toBe('validation');
    expect(kindOf(() => consumerSettings({ name: 'ok', filterSubject: 'a..b' }))).toBe('validation');
  });

  it('picks backoff by delivery count, repeating the last delay', () => {
    expect([1, 2, 3, 4, 9].map((count) => backoffDelay([100, 500, 2_000], count))).toEqual([100, 500, 2_000, 2_000, 2_000]);
    expect(backoffDelay([], 3)).toBe(0);
  });

  it('records an error as name and message only, bounded', () => {
    const error = new Error('x'.repeat(2_000));
    expect(errorText(error)).not.toContain('at ');
    expect(errorText(error).length).toBeLessThanOrEqual(501);
    expect(errorText('plain')).toBe('plain');
  });
});

describe('checkHeaders', () => {
  it('accepts NATS-valid headers (values trimmed) and rejects the rest as validation errors', () => {
    expect(checkHeaders({ 'Event-Type': ' InvoiceCreated ' })).toEqual({ 'Event-Type': 'InvoiceCreated' });
    expect(kindOf(() => checkHeaders({ 'Bad:Key': 'v' }))).toBe('validation');
    expect(kindOf(() => checkHeaders({ Key: 'line\r\nbreak' }))).toBe('validation');
    expect(kindOf(() => checkHeaders({ 'Nats-Msg-Id': 'x' }))).toBe('validation');
  });
});

import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { BroadcastScheduleSchema, firstOccurrence, nextOccurrence, type BroadcastSchedule } from './broadcast-schedule.ts';

const daily = (time: string, timeZone = 'Europe/Berlin'): BroadcastSchedule => ({ kind: 'daily', time, timeZone });

describe('broadcast schedule', () => {
  it('daily: the next local time after the instant, in the owner zone', () => {
    expect(nextOccurrence(daily('09:00'), '2026-01-10T07:59:00.000Z')).toBe('2026-01-10T08:00:00.000Z');
    expect(nextOccurrence(daily('09:00'), '2026-01-10T08:00:00.000Z')).toBe('2026-01-11T08:00:00.000Z');
    expect(nextOccurrence(daily('09:00'), '2026-07-10T08:00:00.000Z')).toBe('2026-07-11T07:00:00.000Z');
  });

  it('weekly: the next such weekday', () => {
    // 2026-01-10 is a Saturday; weekday 1 is Monday.
    const weekly: BroadcastSchedule = { kind: 'weekly', weekday: 1, time: '18:30', timeZone: 'America/New_York' };
    expect(nextOccurrence(weekly, '2026-01-10T12:00:00.000Z')).toBe('2026-01-12T23:30:00.000Z');
    expect(nextOccurrence(weekly, '2026-01-12T23:30:00.000Z')).toBe('2026-01-19T23:30:00.000Z');
  });

  it('a local time the clocks skip moves forward by the gap', () => {
    // Berlin springs forward on 2026-03-29 at 02:00 → 03:00.
    expect(nextOccurrence(daily('02:30'), '2026-03-28T12:00:00.000Z')).toBe('2026-03-29T01:30:00.000Z');
    expect(nextOccurrence(daily('02:30'), '2026-03-29T01:30:00.000Z')).toBe('2026-03-30T00:30:00.000Z');
  });

  it('a local time that happens twice is taken the first time', () => {
    // Berlin falls back on 2026-10-25 at 03:00 → 02:00: 02:30 is 00:30Z (CEST) and 01:30Z (CET).
    expect(nextOccurrence(daily('02:30'), '2026-10-24T12:00:00.000Z')).toBe('2026-10-25T00:30:00.000Z');
    expect(nextOccurrence(daily('02:30'), '2026-10-25T00:30:00.000Z')).toBe('2026-10-26T01:30:00.000Z');
  });

  it('now and once do not recur', () => {
    expect(nextOccurrence({ kind: 'now' }, '2026-01-01T00:00:00.000Z')).toBeUndefined();
    expect(nextOccurrence({ kind: 'once', at: '2026-02-01T00:00:00.000Z' }, '2026-01-01T00:00:00.000Z')).toBeUndefined();
  });

  it('first occurrence: now at once, once ahead only', () => {
    expect(firstOccurrence({ kind: 'now' }, '2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:00.000Z');
    expect(firstOccurrence({ kind: 'once', at: '2026-01-02T00:00:00Z' }, '2026-01-01T00:00:00Z')).toBe('2026-01-02T00:00:00.000Z');
    expect(() => firstOccurrence({ kind: 'once', at: '2025-12-31T00:00:00Z' }, '2026-01-01T00:00:00Z')).toThrow('past');
    expect(firstOccurrence(daily('09:00', 'UTC'), '2026-01-01T10:00:00Z')).toBe('2026-01-02T09:00:00.000Z');
  });

  it.each([
    ['an unknown zone', daily('09:00', 'Mars/Olympus')],
    ['an offset instead of a zone', daily('09:00', '+02:00')],
    ['a time past 23:59', daily('24:00')],
    ['a time without minutes', daily('9')],
    ['weekday 0', { kind: 'weekly', weekday: 0, time: '09:00', timeZone: 'UTC' }],
    ['weekday 8', { kind: 'weekly', weekday: 8, time: '09:00', timeZone: 'UTC' }],
    ['a once without a timestamp', { kind: 'once', at: 'tomorrow' }],
  ])('rejects %s', (_what, schedule) => expect(v.safeParse(BroadcastScheduleSchema, schedule).success).toBe(false));
});

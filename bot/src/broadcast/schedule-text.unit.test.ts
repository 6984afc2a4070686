import { describe, expect, it } from 'vitest';
import { parseScheduleText } from './schedule-text.ts';
import { ianaZone, instantOfWallTime } from './zone-time.ts';

const NOW = new Date('2026-03-01T10:00:00.000Z');

describe('schedule answers', () => {
  it('reads a one-off time in UTC by default and in a named zone (with its daylight saving)', () => {
    expect(parseScheduleText('once', '2026-03-02 09:30', NOW)).toEqual({ ok: true, schedule: { kind: 'once', at: '2026-03-02T09:30:00.000Z' } });
    // Berlin is UTC+1 in winter, UTC+2 in summer.
    expect(parseScheduleText('once', '2026-03-02 09:30 Europe/Berlin', NOW)).toEqual({ ok: true, schedule: { kind: 'once', at: '2026-03-02T08:30:00.000Z' } });
    expect(parseScheduleText('once', '2026-07-01  18:05  Europe/Berlin', NOW)).toEqual({ ok: true, schedule: { kind: 'once', at: '2026-07-01T16:05:00.000Z' } });
    expect(parseScheduleText('once', '2026-03-02 09:30 America/New_York', NOW)).toEqual({ ok: true, schedule: { kind: 'once', at: '2026-03-02T14:30:00.000Z' } });
  });

  it('refuses a past time, an impossible date, an unknown zone and other shapes', () => {
    expect(parseScheduleText('once', '2026-03-01 09:59', NOW)).toEqual({ ok: false, error: 'past' });
    expect(parseScheduleText('once', '2026-02-30 09:00', NOW)).toEqual({ ok: false, error: 'date' });
    expect(parseScheduleText('once', '2026-04-01 24:00', NOW)).toEqual({ ok: false, error: 'date' });
    expect(parseScheduleText('once', '2026-04-01 09:00 Mars/Olympus', NOW)).toEqual({ ok: false, error: 'zone' });
    expect(parseScheduleText('once', '2026-04-01 09:00 +01:00', NOW)).toEqual({ ok: false, error: 'zone' });
    expect(parseScheduleText('once', 'tomorrow', NOW)).toEqual({ ok: false, error: 'format' });
    expect(parseScheduleText('daily', '9.30', NOW)).toEqual({ ok: false, error: 'format' });
  });

  it('reads daily and weekly local times with their zone', () => {
    expect(parseScheduleText('daily', '9:05 Europe/Berlin', NOW)).toEqual({ ok: true, schedule: { kind: 'daily', time: '09:05', timeZone: 'Europe/Berlin' } });
    expect(parseScheduleText('daily', '23:59', NOW)).toEqual({ ok: true, schedule: { kind: 'daily', time: '23:59', timeZone: 'UTC' } });
    expect(parseScheduleText('daily', '12:60', NOW)).toEqual({ ok: false, error: 'date' });
    expect(parseScheduleText('weekly', 'Friday 18:00 Asia/Tokyo', NOW)).toEqual({ ok: true, schedule: { kind: 'weekly', weekday: 5, time: '18:00', timeZone: 'Asia/Tokyo' } });
    expect(parseScheduleText('weekly', 'sun 07:00', NOW)).toEqual({ ok: true, schedule: { kind: 'weekly', weekday: 7, time: '07:00', timeZone: 'UTC' } });
    expect(parseScheduleText('weekly', 'Fryday 18:00', NOW)).toEqual({ ok: false, error: 'format' });
  });

  it('knows IANA zone names and converts wall times across a daylight-saving change', () => {
    expect(ianaZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(ianaZone('utc')).toBe('UTC');
    expect(ianaZone('Nowhere/Land')).toBeUndefined();
    // Europe/Berlin springs forward on 2026-03-29 at 02:00 → 03:00.
    expect(instantOfWallTime({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, 'Europe/Berlin').toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(instantOfWallTime({ year: 2026, month: 3, day: 29, hour: 3, minute: 30 }, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(instantOfWallTime({ year: 2026, month: 10, day: 25, hour: 12, minute: 0 }, 'Europe/Berlin').toISOString()).toBe('2026-10-25T11:00:00.000Z');
  });
});

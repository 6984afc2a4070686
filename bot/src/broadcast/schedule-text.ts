import type { BotBroadcastSchedule } from '../deps.ts';
import { ianaZone, instantOfWallTime, isRealWallTime } from './zone-time.ts';

/** How the owner asked the broadcast to repeat; `now` needs no time. */
export type TimedKind = 'once' | 'daily' | 'weekly';

export type ScheduleParse = { ok: true; schedule: BotBroadcastSchedule } | { ok: false; error: 'format' | 'zone' | 'date' | 'past' };

/** Weekdays as ISO numbers, Monday = 1 … Sunday = 7 (as luxon counts them). */
const WEEKDAYS: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

const weekdayOf = (word: string): number | undefined => {
  const lower = word.toLowerCase();
  const day = WEEKDAYS[lower.slice(0, 3)];
  // "mon", "monday", "Mo" is too short to be sure; a full name must be spelled right.
  return day !== undefined && (lower.length === 3 || WEEKDAY_NAMES[day - 1]!.toLowerCase() === lower) ? day : undefined;
};

const TIME = String.raw`(\d{1,2}):(\d{2})`;
const ZONE = String.raw`(?:\s+(\S+))?`;
const PATTERNS: Record<TimedKind, RegExp> = {
  once: new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})\s+${TIME}${ZONE}$`),
  daily: new RegExp(String.raw`^${TIME}${ZONE}$`),
  weekly: new RegExp(String.raw`^([A-Za-z]+)\s+${TIME}${ZONE}$`),
};

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * Reads the owner's answer: "YYYY-MM-DD HH:MM [Zone]" (once), "HH:MM [Zone]" (daily) or
 * "<weekday> HH:MM [Zone]" (weekly); the zone is an IANA name and defaults to UTC. A one-off
 * time must lie after `now`.
 */
export const parseScheduleText = (kind: TimedKind, text: string, now: Date): ScheduleParse => {
  const match = PATTERNS[kind].exec(text.trim().replace(/\s+/g, ' '));
  if (!match) return { ok: false, error: 'format' };
  const fields = match.slice(1);
  const zoneText = fields[fields.length - 1];
  const timeZone = zoneText === undefined ? 'UTC' : ianaZone(zoneText);
  if (!timeZone) return { ok: false, error: 'zone' };
  if (kind === 'once') {
    const [year, month, day, hour, minute] = fields.slice(0, 5).map(Number) as [number, number, number, number, number];
    const wall = { year, month, day, hour, minute };
    if (!isRealWallTime(wall)) return { ok: false, error: 'date' };
    const at = instantOfWallTime(wall, timeZone);
    return at.getTime() > now.getTime() ? { ok: true, schedule: { kind: 'once', at: at.toISOString() } } : { ok: false, error: 'past' };
  }
  const [hourText, minuteText] = kind === 'daily' ? fields : fields.slice(1);
  const hour = Number(hourText);
  const minute = Number(minuteText);
  if (hour > 23 || minute > 59) return { ok: false, error: 'date' };
  const time = `${pad(hour)}:${pad(minute)}`;
  if (kind === 'daily') return { ok: true, schedule: { kind: 'daily', time, timeZone } };
  const weekday = weekdayOf(fields[0]!);
  return weekday === undefined ? { ok: false, error: 'format' } : { ok: true, schedule: { kind: 'weekly', weekday, time, timeZone } };
};

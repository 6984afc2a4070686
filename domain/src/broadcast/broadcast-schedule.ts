import { DateTime, IANAZone } from 'luxon';
import * as v from 'valibot';
import { TimestampSchema } from '../decider/common-schemas.ts';
import { PayGateError } from '../errors/index.ts';

const TimeZoneSchema = v.pipe(
  v.string(),
  v.check((zone) => IANAZone.isValidZone(zone) && !/^[+-]|^utc[+-]/i.test(zone), 'must be an IANA time zone such as Europe/Berlin'),
);
const LocalTimeSchema = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be 'HH:MM' (24 h)"));

/** When a broadcast goes out: at once (the send-now cooldown applies), once at an instant, or at a local time every day or week. */
export const BroadcastScheduleSchema = v.variant('kind', [
  v.object({ kind: v.literal('now') }),
  v.object({ kind: v.literal('once'), at: TimestampSchema }),
  v.object({ kind: v.literal('daily'), time: LocalTimeSchema, timeZone: TimeZoneSchema }),
  v.object({
    kind: v.literal('weekly'),
    /** ISO weekday: 1 = Monday … 7 = Sunday. */
    weekday: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7)),
    time: LocalTimeSchema,
    timeZone: TimeZoneSchema,
  }),
]);

export type BroadcastSchedule = v.InferOutput<typeof BroadcastScheduleSchema>;

export const isRecurring = (schedule: BroadcastSchedule): boolean => schedule.kind === 'daily' || schedule.kind === 'weekly';

/**
 * The instant a wall-clock time has on a local date. A time the clocks skip (spring forward)
 * moves forward by the gap; a time that happens twice (fall back) is taken the first time.
 */
const localInstant = (date: DateTime, time: string): DateTime => {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wanted = date.set({ hour, minute, second: 0, millisecond: 0 });
  // luxon resolves a skipped time by moving it forward by the gap, and an ambiguous one to the
  // earlier offset, which is what the rule above says; the check keeps that assumption honest.
  if (!wanted.isValid) throw new PayGateError('validation', `no such local time ${time} on ${date.toISODate() ?? '?'}`);
  return wanted;
};

/**
 * The first occurrence strictly after `after` (ISO), or undefined when there is none
 * (`now` and `once` happen once and are not recurrences). Pure: the caller brings the time.
 */
export const nextOccurrence = (schedule: BroadcastSchedule, after: string): string | undefined => {
  if (schedule.kind === 'now' || schedule.kind === 'once') return undefined;
  const from = DateTime.fromISO(after, { zone: schedule.timeZone });
  if (!from.isValid) throw new PayGateError('validation', `${after} is not a timestamp`);
  // Eight days cover a weekly schedule whatever the start; the first candidate after `after` wins.
  for (let day = 0; day <= 8; day += 1) {
    const date = from.startOf('day').plus({ days: day });
    if (schedule.kind === 'weekly' && date.weekday !== schedule.weekday) continue;
    const candidate = localInstant(date, schedule.time);
    if (candidate.toMillis() > from.toMillis()) return candidate.toUTC().toISO()!;
  }
  throw new PayGateError('internal', 'no occurrence found within eight days');
};

/**
 * When a schedule first fires, as decided at `now`: `now` at once, `once` at its instant (which
 * must lie ahead), a recurrence at its next local time.
 */
export const firstOccurrence = (schedule: BroadcastSchedule, now: string): string => {
  switch (schedule.kind) {
    case 'now':
      return new Date(now).toISOString();
    case 'once': {
      const at = new Date(schedule.at).toISOString();
      if (Date.parse(at) <= Date.parse(now)) throw new PayGateError('validation', 'a broadcast cannot be scheduled in the past', { at });
      return at;
    }
    default:
      return nextOccurrence(schedule, now)!;
  }
};

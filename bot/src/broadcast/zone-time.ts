/**
 * IANA time zones with the platform's Intl (no library needed for these two questions): is a
 * zone name real, and which instant is a wall-clock time in a zone.
 */

// IANA names ("Europe/Berlin", "UTC", "America/Argentina/Buenos_Aires"); Intl would also take
// offsets like "+01:00", which do not follow daylight saving and are not IANA zones.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** The zone's canonical IANA name, or undefined when it is not one. */
export const ianaZone = (name: string): string | undefined => {
  if (!ZONE_NAME.test(name)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
};

export type WallTime = { year: number; month: number; day: number; hour: number; minute: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterOf = (timeZone: string) => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** The wall-clock time of an instant in a zone. */
export const wallTimeAt = (instant: Date, timeZone: string): WallTime => {
  const parts = Object.fromEntries(formatterOf(timeZone).formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
};

const asUtcMs = (wall: WallTime) => Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);

/** Whether the fields name a real calendar date and time (no 31 February, no 24:00). */
export const isRealWallTime = (wall: WallTime): boolean => {
  const date = new Date(asUtcMs(wall));
  return (
    wall.hour < 24 && wall.minute < 60 && date.getUTCFullYear() === wall.year && date.getUTCMonth() === wall.month - 1 && date.getUTCDate() === wall.day
  );
};

/**
 * The instant the wall-clock time stands for in the zone. The zone's offset is read at a first
 * guess and again at the result, which settles it across a daylight-saving change; a time that
 * does not exist (skipped by a spring-forward) comes out shifted by the jump, as clocks do.
 */
export const instantOfWallTime = (wall: WallTime, timeZone: string): Date => {
  const target = asUtcMs(wall);
  const offsetAt = (ms: number) => asUtcMs(wallTimeAt(new Date(ms), timeZone)) - Math.floor(ms / 60_000) * 60_000;
  const first = target - offsetAt(target);
  return new Date(target - offsetAt(first));
};

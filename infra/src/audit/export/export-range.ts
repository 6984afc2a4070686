// The range of an export: bounds given as a moment or as a `$all` position, applied in the log's
// order so that the range is one unbroken stretch of the log (what the opening and closing totals need).
import { comparePositions, type GlobalPosition, type RecordedEvent } from '@paygate/domain';

export type RangeBound = { kind: 'position'; position: GlobalPosition } | { kind: 'time'; at: Date };

/**
 * `from` and `to` as half-open bounds that chain: a position P is a point between events, so
 * `--to P` takes the event at P and `--from P` starts after it; a moment is one too, so `--to D`
 * stops before the first event recorded at or after D and `--from D` starts with it. Either way the
 * next export of a series passes the previous one's `--to` as its `--from`, and no event is in two
 * exports or in none.
 */
export type ExportRange = { from?: RangeBound; to?: RangeBound };

const POSITION = /^(\d{1,20})\/(\d{1,20})$/;
const MOMENT = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

export const RANGE_BOUND_FORMS = 'a date (2026-01-31, midnight UTC), a moment with its zone (2026-01-31T12:00:00Z) or a log position (commit/prepare, as `paygate ledger check` prints it)';

/** A bound as an operator types it; a string saying what is wrong otherwise. */
export const parseRangeBound = (text: string): RangeBound | string => {
  const position = POSITION.exec(text);
  if (position) return { kind: 'position', position: { commit: BigInt(position[1]!), prepare: BigInt(position[2]!) } };
  const moment = MOMENT.exec(text);
  if (!moment) return `must be ${RANGE_BOUND_FORMS}`;
  const [year, month, day] = moment.slice(1, 4).map(Number) as [number, number, number];
  // Date.parse takes 2026-02-30 for 2026-03-02: the day is checked against its month first.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const at = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || Number.isNaN(at)) return 'is no date that exists';
  return { kind: 'time', at: new Date(at) };
};

/** Why `from` cannot come before `to`, when both are of one kind; bounds of different kinds are taken as given. */
export const rangeProblem = ({ from, to }: ExportRange): string | undefined => {
  if (!from || !to) return undefined;
  if (from.kind === 'position' && to.kind === 'position' && comparePositions(from.position, to.position) >= 0) return '--to must be a later position than --from';
  if (from.kind === 'time' && to.kind === 'time' && from.at.getTime() >= to.at.getTime()) return '--to must be later than --from';
  return undefined;
};

/** The range's first event is the first one for which this holds (every later one is in, up to the end). */
export const startsRange = (event: RecordedEvent, from: RangeBound | undefined): boolean =>
  from === undefined || (from.kind === 'position' ? comparePositions(event.position, from.position) > 0 : event.recordedAt.getTime() >= from.at.getTime());

/** The range ends before the first event for which this holds. */
export const endsRange = (event: RecordedEvent, to: RangeBound | undefined): boolean =>
  to !== undefined && (to.kind === 'position' ? comparePositions(event.position, to.position) > 0 : event.recordedAt.getTime() >= to.at.getTime());

export const positionText = (position: GlobalPosition): string => `${position.commit}/${position.prepare}`;

export const boundText = (bound: RangeBound | undefined): string | null =>
  bound === undefined ? null : bound.kind === 'position' ? positionText(bound.position) : bound.at.toISOString();

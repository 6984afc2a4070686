import type { RevenueInterval, RevenuePoint } from '../view-types.ts';

/** One bar: a bucket of the interval, zero when nothing was paid in it. */
export type RevenueBucket = { start: Date; payments: number; gross: bigint; fees: bigint; ownerShare: bigint };

export type RevenueRange = { currency: string; interval: RevenueInterval; from: Date; to: Date };

/** More bars than this are unreadable; past it only the buckets with revenue are drawn. */
export const MAX_BUCKETS = 400;

const DAY_MS = 86_400_000;

/** The UTC start of the bucket holding `date`, as PostgreSQL's date_trunc does it (weeks start on Monday). */
export const bucketStart = (date: Date, interval: RevenueInterval): Date => {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  if (interval === 'day') return new Date(day);
  if (interval === 'month') return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(day - sinceMonday * DAY_MS);
};

const nextStart = (start: Date, interval: RevenueInterval): Date => {
  if (interval === 'day') return new Date(start.getTime() + DAY_MS);
  if (interval === 'week') return new Date(start.getTime() + 7 * DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
};

const emptyBucket = (start: Date): RevenueBucket => ({ start, payments: 0, gross: 0n, fees: 0n, ownerShare: 0n });

/** Every bucket start in [from, to), or undefined when there are too many to draw. */
const bucketStarts = ({ interval, from, to }: RevenueRange): Date[] | undefined => {
  const starts: Date[] = [];
  for (let start = bucketStart(from, interval); start.getTime() < to.getTime(); start = nextStart(start, interval)) {
    if (starts.length === MAX_BUCKETS) return undefined;
    starts.push(start);
  }
  return starts;
};

/**
 * The currency's series as consecutive buckets covering the range, empty ones included, plus the
 * currency's decimals. A point outside the range still gets its bar: no revenue is ever hidden.
 */
export const revenueBuckets = (points: readonly RevenuePoint[], range: RevenueRange): { buckets: RevenueBucket[]; decimals: number } => {
  const mine = points.filter((point) => point.currency === range.currency);
  const byStart = new Map<number, RevenueBucket>();
  for (const start of bucketStarts(range) ?? []) byStart.set(start.getTime(), emptyBucket(start));
  for (const point of mine) {
    const start = new Date(point.periodStart);
    if (Number.isNaN(start.getTime())) continue;
    const bucket = byStart.get(start.getTime()) ?? emptyBucket(start);
    byStart.set(start.getTime(), {
      start,
      payments: bucket.payments + point.payments,
      gross: bucket.gross + point.gross,
      fees: bucket.fees + point.fees,
      ownerShare: bucket.ownerShare + point.ownerShare,
    });
  }
  const buckets = [...byStart.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
  return { buckets, decimals: mine[0]?.decimals ?? 0 };
};

/** Sums of a series (bigint, exact). */
export const totalOf = (buckets: readonly RevenueBucket[]): Omit<RevenueBucket, 'start'> =>
  buckets.reduce(
    (sum, bucket) => ({
      payments: sum.payments + bucket.payments,
      gross: sum.gross + bucket.gross,
      fees: sum.fees + bucket.fees,
      ownerShare: sum.ownerShare + bucket.ownerShare,
    }),
    { payments: 0, gross: 0n, fees: 0n, ownerShare: 0n },
  );

import { sql } from 'kysely';
import { PayGateError } from '@paygate/domain';
import { ownedChannelCondition, type OwnerScope } from '../read-models/owner-scope.ts';
import { scopedTo } from '../read-models/scoped-db.ts';
import type { AnyKysely } from '../runner/index.ts';
import type { SplitsDb } from '../splits/splits-tables.ts';

export const REVENUE_INTERVALS = ['day', 'week', 'month'] as const;
export type RevenueInterval = (typeof REVENUE_INTERVALS)[number];

/** One bucket of split payments in one currency; amounts exact in minor units (sums of numeric(78,0) in SQL). */
export type RevenuePoint = {
  /** The bucket's start in UTC (ISO 8601): midnight; a Monday for weeks; the 1st for months. */
  periodStart: string;
  currency: string;
  decimals: number;
  /** Split payments in the bucket. */
  payments: number;
  gross: bigint;
  fees: bigint;
  ownerShare: bigint;
};

export type RevenueQuery = { scope?: OwnerScope; channelId?: string; interval: RevenueInterval; from: Date; to: Date };

/**
 * Revenue over time from the `splits` read model (one row per split payment, stamped with when it
 * was split): split payments with `calculated_at` in [from, to), bucketed by day, ISO week or
 * month in UTC, per currency. Only non-empty buckets, by start then currency. Sums stay numeric in
 * SQL and come back as text, so amounts beyond 2^53 stay exact.
 */
export const revenueSeries = async (db: AnyKysely, schema: string, query: RevenueQuery): Promise<RevenuePoint[]> => {
  if (!REVENUE_INTERVALS.includes(query.interval)) {
    throw new PayGateError('validation', `interval must be one of ${REVENUE_INTERVALS.join(', ')}`, { field: 'interval' });
  }
  if (Number.isNaN(query.from.getTime()) || Number.isNaN(query.to.getTime())) {
    throw new PayGateError('validation', 'from and to must be valid times', { field: 'from' });
  }
  // A literal, not a parameter (checked above): GROUP BY must repeat the select's expression exactly.
  const bucket = sql<Date>`date_trunc(${sql.lit(query.interval)}, calculated_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`;
  let select = scopedTo<SplitsDb>(db, schema)
    .selectFrom('splits')
    .select([
      bucket.as('period_start'),
      'currency',
      'decimals',
      sql<string>`count(*)::text`.as('payments'),
      sql<string>`sum(gross_amount)::text`.as('gross'),
      sql<string>`sum(fee_amount)::text`.as('fees'),
      sql<string>`sum(owner_share_amount)::text`.as('owner_share'),
    ])
    .where('calculated_at', '>=', query.from)
    .where('calculated_at', '<', query.to)
    .where(ownedChannelCondition(schema, query.scope));
  if (query.channelId !== undefined) select = select.where('channel_id', '=', query.channelId);
  const rows = await select.groupBy([bucket, 'currency', 'decimals']).orderBy(bucket).orderBy('currency').orderBy('decimals').execute();
  return rows.map((row) => ({
    periodStart: row.period_start.toISOString(),
    currency: row.currency,
    decimals: row.decimals,
    payments: Number(row.payments),
    gross: BigInt(row.gross),
    fees: BigInt(row.fees),
    ownerShare: BigInt(row.owner_share),
  }));
};

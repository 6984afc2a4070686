import type { ColumnType } from 'kysely';
import type { NullableTimestampColumn, NumericColumn, TimestampColumn } from '../read-models/columns.ts';
import { qualifiedTable } from '../read-models/sql-names.ts';

/** `reminded_days` before any reminder of the period: larger than any lead time, so `reminded_days > d` reads "not yet reminded d days before". */
export const NOT_REMINDED = 1_000_000;

/**
 * One row per subscriber per channel: the current (or last) period. The partial index over
 * running periods by end is what the expiry sweep reads: reminders and removals are range
 * scans on `ends_at`, never a scan of every subscription.
 */
export type SubscriptionsTable = {
  channel_id: string;
  subscriber_id: string;
  tier_id: string;
  /** active (running, in grace or lapsed until removed) or expired. */
  status: 'active' | 'expired';
  starts_at: TimestampColumn;
  ends_at: TimestampColumn;
  /** When the current period began: the start or the last extension. */
  period_since: TimestampColumn;
  reminded_days: ColumnType<number, number, number>;
  /** Expired, and the "how to come back" DM not recorded yet. */
  notice_pending: boolean;
  last_invoice_id: string;
  joined_at: NullableTimestampColumn;
  updated_commit: NumericColumn;
  updated_prepare: NumericColumn;
};

export type SubscriptionsDb = { subscriptions: SubscriptionsTable };


export const subscriptionsDdl = (schema: string): string[] => {
  const table = qualifiedTable(schema, 'subscriptions');
  return [
    `CREATE TABLE IF NOT EXISTS ${table} (
      channel_id text NOT NULL,
      subscriber_id text NOT NULL,
      tier_id text NOT NULL,
      status text NOT NULL CHECK (status IN ('active', 'expired')),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      period_since timestamptz NOT NULL,
      reminded_days integer NOT NULL,
      notice_pending boolean NOT NULL,
      last_invoice_id text NOT NULL,
      joined_at timestamptz,
      updated_commit numeric(20,0) NOT NULL,
      updated_prepare numeric(20,0) NOT NULL,
      PRIMARY KEY (channel_id, subscriber_id)
    )`,
    // The sweep's keyset order; the other columns it filters on ride along in the index.
    `CREATE INDEX IF NOT EXISTS subscriptions_running_end_idx ON ${table} (ends_at, channel_id, subscriber_id)
      INCLUDE (reminded_days, period_since) WHERE status = 'active'`,
    `CREATE INDEX IF NOT EXISTS subscriptions_notice_idx ON ${table} (ends_at, channel_id, subscriber_id) WHERE notice_pending`,
    `CREATE INDEX IF NOT EXISTS subscriptions_subscriber_idx ON ${table} (subscriber_id, channel_id)`,
    // The dashboard's subscriber list pages newest change first, all or one channel's; per-channel
    // counts (total, active) read the channel's range of the second index alone.
    `CREATE INDEX IF NOT EXISTS subscriptions_order_idx ON ${table} (updated_commit, updated_prepare, channel_id, subscriber_id)`,
    `CREATE INDEX IF NOT EXISTS subscriptions_channel_order_idx ON ${table} (channel_id, updated_commit, updated_prepare, subscriber_id) INCLUDE (status)`,
  ];
};

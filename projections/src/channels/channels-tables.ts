import type { ColumnType } from 'kysely';
import type { NullableTimestampColumn, NumericColumn, TimestampColumn } from '../read-models/columns.ts';
import { qualifiedTable } from '../read-models/sql-names.ts';

export type ChannelsTable = {
  channel_id: string;
  chat_id: string;
  /** The owner of record: who registered it, or the creator who claimed it since. */
  owner_id: string;
  title: string;
  registered_at: TimestampColumn;
  /** When the owner of record last changed by a claim; null while the registrant owns it. */
  owner_claimed_at: NullableTimestampColumn;
  /** Set while payouts are held (the owner is not an administrator of the chat). */
  payouts_held_reason: string | null;
  payouts_held_at: NullableTimestampColumn;
  /** Position of the last event applied to the row. */
  updated_commit: NumericColumn;
  updated_prepare: NumericColumn;
};

/** One row per tier; re-pricing overwrites the terms (invoices keep their own copy of the price). */
export type ChannelTiersTable = {
  channel_id: string;
  tier_id: string;
  name: string;
  price_amount: NumericColumn;
  price_currency: string;
  price_decimals: number;
  duration_days: number;
  first_priced_at: TimestampColumn;
  priced_at: TimestampColumn;
  retired_at: NullableTimestampColumn;
  /** How many times the tier was priced (1 = never re-priced). */
  revisions: ColumnType<number, number, number>;
  /** Position of the last event applied to the row; guards against applying one twice. */
  updated_commit: NumericColumn;
  updated_prepare: NumericColumn;
};

export type ChannelsDb = { channels: ChannelsTable; channel_tiers: ChannelTiersTable };


export const channelsDdl = (schema: string): string[] => [
  `CREATE TABLE IF NOT EXISTS ${qualifiedTable(schema, 'channels')} (
    channel_id text PRIMARY KEY,
    chat_id text NOT NULL,
    owner_id text NOT NULL,
    title text NOT NULL,
    registered_at timestamptz NOT NULL,
    owner_claimed_at timestamptz,
    payouts_held_reason text,
    payouts_held_at timestamptz,
    updated_commit numeric(20,0) NOT NULL,
    updated_prepare numeric(20,0) NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS channels_owner_idx ON ${qualifiedTable(schema, 'channels')} (owner_id)`,
  // The dashboard's channel list pages newest change first, all channels or one owner's.
  `CREATE INDEX IF NOT EXISTS channels_order_idx ON ${qualifiedTable(schema, 'channels')} (updated_commit, updated_prepare, channel_id)`,
  `CREATE INDEX IF NOT EXISTS channels_owner_order_idx ON ${qualifiedTable(schema, 'channels')} (owner_id, updated_commit, updated_prepare, channel_id)`,
  `CREATE TABLE IF NOT EXISTS ${qualifiedTable(schema, 'channel_tiers')} (
    channel_id text NOT NULL,
    tier_id text NOT NULL,
    name text NOT NULL,
    price_amount numeric(78,0) NOT NULL,
    price_currency text NOT NULL,
    price_decimals integer NOT NULL,
    duration_days integer NOT NULL,
    first_priced_at timestamptz NOT NULL,
    priced_at timestamptz NOT NULL,
    retired_at timestamptz,
    revisions integer NOT NULL,
    updated_commit numeric(20,0) NOT NULL,
    updated_prepare numeric(20,0) NOT NULL,
    PRIMARY KEY (channel_id, tier_id)
  )`,
];

import type { NullableTimestampColumn, NumericColumn, TimestampColumn } from '../read-models/columns.ts';
import { qualifiedTable } from '../read-models/sql-names.ts';

export const BROADCAST_SCHEDULES_TABLE = 'broadcast_schedules';
export const BROADCAST_OPT_OUTS_TABLE = 'broadcast_opt_outs';
export const BROADCAST_PUBLIC_CHANNELS_TABLE = 'broadcast_public_channels';

/** One row per broadcast: its content, schedule, where it stands, and the counts of its last occurrence. */
export type BroadcastSchedulesTable = {
  channel_id: string;
  broadcast_id: string;
  audience: 'public_channel' | 'subscribers';
  html: string;
  photo: string | null;
  tier_buttons: boolean;
  status: 'draft' | 'scheduled' | 'cancelled' | 'done';
  /** The schedule as JSON ({kind, …}), null for a draft. */
  schedule: string | null;
  /** The next occurrence to start, while scheduled. */
  next_at: NullableTimestampColumn;
  /** The occurrence being sent. */
  running_occurrence: NullableTimestampColumn;
  occurrences: number;
  last_sent: number;
  last_failed: number;
  last_blocked: number;
  drafted_at: TimestampColumn;
  updated_commit: NumericColumn;
  updated_prepare: NumericColumn;
};

/** Subscribers who stopped a channel's broadcasts (a row only while opted out). */
export type BroadcastOptOutsTable = { channel_id: string; subscriber_id: string; opted_out_at: TimestampColumn; updated_commit: NumericColumn; updated_prepare: NumericColumn };

/** The public channel linked to a paid one (a row only while linked). */
export type BroadcastPublicChannelsTable = {
  channel_id: string;
  public_chat_id: string;
  title: string;
  username: string | null;
  updated_commit: NumericColumn;
  updated_prepare: NumericColumn;
};

export type BroadcastsDb = {
  broadcast_schedules: BroadcastSchedulesTable;
  broadcast_opt_outs: BroadcastOptOutsTable;
  broadcast_public_channels: BroadcastPublicChannelsTable;
};

export const broadcastsDdl = (schema: string): string[] => {
  const schedules = qualifiedTable(schema, BROADCAST_SCHEDULES_TABLE);
  const optOuts = qualifiedTable(schema, BROADCAST_OPT_OUTS_TABLE);
  const publics = qualifiedTable(schema, BROADCAST_PUBLIC_CHANNELS_TABLE);
  return [
    `CREATE TABLE IF NOT EXISTS ${schedules} (
      channel_id text NOT NULL,
      broadcast_id text NOT NULL,
      audience text NOT NULL CHECK (audience IN ('public_channel', 'subscribers')),
      html text NOT NULL,
      photo text,
      tier_buttons boolean NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'scheduled', 'cancelled', 'done')),
      schedule text,
      next_at timestamptz,
      running_occurrence timestamptz,
      occurrences integer NOT NULL,
      last_sent integer NOT NULL,
      last_failed integer NOT NULL,
      last_blocked integer NOT NULL,
      drafted_at timestamptz NOT NULL,
      updated_commit numeric(20,0) NOT NULL,
      updated_prepare numeric(20,0) NOT NULL,
      PRIMARY KEY (channel_id, broadcast_id)
    )`,
    // The scheduler's query: what is due (by next_at) and what is still running, never a full scan.
    `CREATE INDEX IF NOT EXISTS broadcast_schedules_due_idx ON ${schedules} (next_at, channel_id, broadcast_id) WHERE status = 'scheduled'`,
    `CREATE INDEX IF NOT EXISTS broadcast_schedules_running_idx ON ${schedules} (running_occurrence) WHERE running_occurrence IS NOT NULL`,
    `CREATE TABLE IF NOT EXISTS ${optOuts} (
      channel_id text NOT NULL,
      subscriber_id text NOT NULL,
      opted_out_at timestamptz NOT NULL,
      updated_commit numeric(20,0) NOT NULL,
      updated_prepare numeric(20,0) NOT NULL,
      PRIMARY KEY (channel_id, subscriber_id)
    )`,
    `CREATE TABLE IF NOT EXISTS ${publics} (
      channel_id text PRIMARY KEY,
      public_chat_id text NOT NULL,
      title text NOT NULL,
      username text,
      updated_commit numeric(20,0) NOT NULL,
      updated_prepare numeric(20,0) NOT NULL
    )`,
    `CREATE INDEX IF NOT EXISTS broadcast_public_channels_chat_idx ON ${publics} (public_chat_id)`,
  ];
};

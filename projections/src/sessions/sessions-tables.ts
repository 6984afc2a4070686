import type { NullableTimestampColumn, NumericColumn, TimestampColumn } from '../read-models/columns.ts';
import { qualifiedTable } from '../read-models/sql-names.ts';

export const DASHBOARD_SESSIONS_TABLE = 'dashboard_sessions';

/**
 * One row per refresh-token family (a dashboard login), for auditors: who logged in how, how
 * often the session was refreshed, and when and why it ended. No token or hash is kept here.
 */
export type DashboardSessionsTable = {
  family_id: string;
  owner_id: string;
  role: 'owner' | 'admin' | 'auditor';
  method: 'telegram_widget' | 'bot_link';
  started_at: TimestampColumn;
  /** Expiry of the current refresh token (moves with every rotation). */
  expires_at: TimestampColumn;
  last_refreshed_at: NullableTimestampColumn;
  refreshes: number;
  revoked_at: NullableTimestampColumn;
  revoked_reason: 'reuse_detected' | 'logout' | 'logout_everywhere' | 'expired' | null;
  updated_commit: NumericColumn;
  updated_prepare: NumericColumn;
};

export type DashboardSessionsDb = { dashboard_sessions: DashboardSessionsTable };

export const dashboardSessionsDdl = (schema: string): string[] => {
  const sessions = qualifiedTable(schema, DASHBOARD_SESSIONS_TABLE);
  return [
    `CREATE TABLE IF NOT EXISTS ${sessions} (
      family_id text PRIMARY KEY,
      owner_id text NOT NULL,
      role text NOT NULL CHECK (role IN ('owner', 'admin', 'auditor')),
      method text NOT NULL CHECK (method IN ('telegram_widget', 'bot_link')),
      started_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      last_refreshed_at timestamptz,
      refreshes integer NOT NULL,
      revoked_at timestamptz,
      revoked_reason text CHECK (revoked_reason IN ('reuse_detected', 'logout', 'logout_everywhere', 'expired')),
      updated_commit numeric(20,0) NOT NULL,
      updated_prepare numeric(20,0) NOT NULL
    )`,
    // Lists page newest change first by (updated position, family id), for everyone or one owner.
    `CREATE INDEX IF NOT EXISTS dashboard_sessions_order_idx ON ${sessions} (updated_commit, updated_prepare, family_id)`,
    `CREATE INDEX IF NOT EXISTS dashboard_sessions_owner_idx ON ${sessions} (owner_id, updated_commit, updated_prepare, family_id)`,
  ];
};

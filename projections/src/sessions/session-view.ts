import type { Selectable } from 'kysely';
import type { GlobalPosition } from '@paygate/domain';
import { isoTime, optionalIsoTime, positionFromColumns } from '../read-models/columns.ts';
import type { DashboardSessionsTable } from './sessions-tables.ts';

/** A dashboard login (refresh-token family) as an auditor sees it. */
export type SessionView = {
  familyId: string;
  ownerId: string;
  role: DashboardSessionsTable['role'];
  method: DashboardSessionsTable['method'];
  startedAt: string;
  /** When the current refresh token expires; a family not revoked is live until then. */
  expiresAt: string;
  lastRefreshedAt: string | null;
  refreshes: number;
  revokedAt: string | null;
  revokedReason: DashboardSessionsTable['revoked_reason'];
  /** Position of the last event that changed the row; the list pages by it. */
  updatedPosition: GlobalPosition;
};

export const sessionViewFromRow = (row: Selectable<DashboardSessionsTable>): SessionView => ({
  familyId: row.family_id,
  ownerId: row.owner_id,
  role: row.role,
  method: row.method,
  startedAt: isoTime(row.started_at),
  expiresAt: isoTime(row.expires_at),
  lastRefreshedAt: optionalIsoTime(row.last_refreshed_at),
  refreshes: row.refreshes,
  revokedAt: optionalIsoTime(row.revoked_at),
  revokedReason: row.revoked_reason,
  updatedPosition: positionFromColumns(row.updated_commit, row.updated_prepare),
});

import { parseSessionEvent, type RecordedEvent } from '@paygate/domain';
import { positionColumns } from '../read-models/columns.ts';
import { rowHasSeen, rowProjection, type RowSet, type TableKey } from '../rows/index.ts';
import { DASHBOARD_SESSIONS_TABLE, dashboardSessionsDdl } from './sessions-tables.ts';

const SESSION_EVENTS = ['SessionStarted', 'RefreshTokenRotated', 'SessionRevoked'];

const touches = (recorded: RecordedEvent): TableKey[] => [{ table: DASHBOARD_SESSIONS_TABLE, key: { family_id: parseSessionEvent(recorded).data.familyId } }];

const evolve = (rows: RowSet, recorded: RecordedEvent): void => {
  const event = parseSessionEvent(recorded);
  const key = { family_id: event.data.familyId };
  const row = rows.get(DASHBOARD_SESSIONS_TABLE, key);
  if (row && rowHasSeen(row, recorded.position)) return;
  const { commit, prepare } = positionColumns(recorded.position);
  const moved = { updated_commit: commit, updated_prepare: prepare };
  if (event.type === 'SessionStarted') {
    if (row) return;
    const { familyId, ownerId, role, method, expiresAt, startedAt } = event.data;
    rows.put(DASHBOARD_SESSIONS_TABLE, {
      family_id: familyId,
      owner_id: ownerId,
      role,
      method,
      started_at: startedAt,
      expires_at: expiresAt,
      last_refreshed_at: null,
      refreshes: 0,
      revoked_at: null,
      revoked_reason: null,
      ...moved,
    });
    return;
  }
  // A family's own stream starts with SessionStarted; anything else without a row is not shown.
  if (!row) return;
  if (event.type === 'RefreshTokenRotated') {
    const { generation, expiresAt, rotatedAt } = event.data;
    rows.put(DASHBOARD_SESSIONS_TABLE, { ...row, refreshes: generation, last_refreshed_at: rotatedAt, expires_at: expiresAt, ...moved });
    return;
  }
  // The first revocation is the one that ended the family; the decider appends no second.
  if (row.revoked_at !== null) return;
  rows.put(DASHBOARD_SESSIONS_TABLE, { ...row, revoked_at: event.data.revokedAt, revoked_reason: event.data.reason, ...moved });
};

/**
 * Dashboard logins for auditors (table `dashboard_sessions`): one row per refresh-token family
 * with its owner, role, login method, refresh count and how it ended.
 */
export const dashboardSessionsProjection = rowProjection({
  name: 'dashboard_sessions',
  version: 1,
  keys: { [DASHBOARD_SESSIONS_TABLE]: ['family_id'] },
  ddl: dashboardSessionsDdl,
  handles: SESSION_EVENTS,
  touches,
  evolve,
});

import { describe, expect, it } from 'vitest';
import type { RecordedEvent, SessionEvent } from '@paygate/domain';
import { foldRows } from '../rows/index.ts';
import { dashboardSessionsProjection } from './sessions-projection.ts';

const hash = (n: number) => n.toString(16).padStart(64, '0');
const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString();

let position = 0n;
const recorded = (event: SessionEvent): RecordedEvent => {
  position += 1n;
  return { id: `e${position}`, ...event, metadata: {}, streamId: `session-${event.data.familyId}`, streamRevision: 0n, position: { commit: position, prepare: position }, recordedAt: new Date(0) };
};
const started = (familyId: string, method: 'bot_link' | 'telegram_widget' = 'bot_link'): SessionEvent => ({
  type: 'SessionStarted',
  data: { familyId, ownerId: '1001', role: 'owner', method, refreshTokenHash: hash(0), expiresAt: at(60), startedAt: at(0) },
});
const rotated = (familyId: string, generation: number): SessionEvent => ({
  type: 'RefreshTokenRotated',
  data: { familyId, generation, refreshTokenHash: hash(generation), expiresAt: at(60 + generation), rotatedAt: at(generation) },
});
const revoked = (familyId: string, reason: 'logout' | 'reuse_detected', minute: number): SessionEvent => ({ type: 'SessionRevoked', data: { familyId, reason, revokedAt: at(minute) } });

const rowsOf = (events: SessionEvent[]) => foldRows(dashboardSessionsProjection.rows, events.map(recorded)).dashboard_sessions!;

describe('dashboard sessions projection (fold over rows)', () => {
  it('a login, its refreshes and how it ended; no token hash in the row', () => {
    const [row] = rowsOf([started('f1'), rotated('f1', 1), rotated('f1', 2), revoked('f1', 'reuse_detected', 5)]);
    expect(row).toMatchObject({
      family_id: 'f1',
      owner_id: '1001',
      role: 'owner',
      method: 'bot_link',
      started_at: at(0),
      expires_at: at(62),
      last_refreshed_at: at(2),
      refreshes: 2,
      revoked_at: at(5),
      revoked_reason: 'reuse_detected',
    });
    expect(JSON.stringify(row)).not.toContain(hash(1));
  });

  it('a family without its start is not shown; a repeated start changes nothing', () => {
    expect(rowsOf([rotated('f2', 1), revoked('f2', 'logout', 3)])).toEqual([]);
    const [row] = rowsOf([started('f3'), started('f3', 'telegram_widget')]);
    expect(row).toMatchObject({ method: 'bot_link', refreshes: 0, revoked_at: null });
  });
});

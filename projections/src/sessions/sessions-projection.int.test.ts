import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE, startProjectionHarness, type ProjectionHarness } from '../test-support/projection-harness.ts';
import { findSession, listSessions } from './session-queries.ts';
import { dashboardSessionsProjection } from './sessions-projection.ts';

let h: ProjectionHarness;
beforeAll(async () => {
  h = await startProjectionHarness(dashboardSessionsProjection, 'paygate_proj_sessions');
});
afterAll(() => h?.close());

const hash = (n: number) => n.toString(16).padStart(64, '0');
const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString();
const start = (familyId: string, ownerId: string, minute = 0) => ({
  type: 'SessionStarted',
  data: { familyId, ownerId, role: 'owner', method: 'telegram_widget', refreshTokenHash: hash(0), expiresAt: at(minute + 600), startedAt: at(minute) },
});
const rotate = (familyId: string, generation: number) => ({
  type: 'RefreshTokenRotated',
  data: { familyId, generation, refreshTokenHash: hash(generation), expiresAt: at(600 + generation), rotatedAt: at(generation) },
});
const revoke = (familyId: string, reason: string, minute: number) => ({ type: 'SessionRevoked', data: { familyId, reason, revokedAt: at(minute) } });

describe('dashboard sessions projection', () => {
  it('one row per login with its refreshes and its end, found by family id', async () => {
    await h.append({ 'session-f1': [start('f1', '1001'), rotate('f1', 1), rotate('f1', 2), revoke('f1', 'reuse_detected', 3)] });
    expect(await findSession(h.db, LIVE, 'f1')).toEqual({
      familyId: 'f1',
      ownerId: '1001',
      role: 'owner',
      method: 'telegram_widget',
      startedAt: at(0),
      expiresAt: at(602),
      lastRefreshedAt: at(2),
      refreshes: 2,
      revokedAt: at(3),
      revokedReason: 'reuse_detected',
      updatedPosition: expect.objectContaining({ commit: expect.any(BigInt) }),
    });
    expect(await findSession(h.db, LIVE, 'nope')).toBeUndefined();
  });

  it('lists everyone’s or one owner’s logins, newest change first, in keyset pages', async () => {
    for (const n of [2, 3, 4, 5]) await h.append({ [`session-f${n}`]: [start(`f${n}`, n % 2 === 0 ? '1002' : '1003', n)] });
    await h.append({ 'session-f2': [revoke('f2', 'logout', 9)] });
    const ids = async (options: Parameters<typeof listSessions>[2]) => (await listSessions(h.db, LIVE, options)).items.map((session) => session.familyId);
    expect(await ids({})).toEqual(['f2', 'f5', 'f4', 'f3', 'f1']);
    expect(await ids({ ownerId: '1002' })).toEqual(['f2', 'f4']);
    expect(await ids({ ownerId: '9999' })).toEqual([]);
    const seen: string[] = [];
    let page = await listSessions(h.db, LIVE, { limit: 2 });
    seen.push(...page.items.map((session) => session.familyId));
    while (page.next) {
      page = await listSessions(h.db, LIVE, { limit: 2, after: page.next });
      seen.push(...page.items.map((session) => session.familyId));
    }
    expect(seen).toEqual(['f2', 'f5', 'f4', 'f3', 'f1']);
    await expect(listSessions(h.db, LIVE, { limit: 101 })).rejects.toMatchObject({ kind: 'validation' });
  });

  it('a rebuild from event 0 writes the very same rows', async () => {
    expect(await h.rebuildDifferences()).toEqual([]);
  });
});

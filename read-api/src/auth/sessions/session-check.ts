import type { SessionPort } from './session-port.ts';

const ACTIVE_FOR_MS = 5_000;

/**
 * Whether an access token's session still stands, so logout takes effect before the token
 * expires. A revoked session stays revoked, so that answer is kept for good; "active" is
 * re-read after a few seconds, which bounds how long a revoked session's tokens still work.
 */
export const createSessionCheck = (sessions: Pick<SessionPort, 'isSessionActive'>, now: () => number = Date.now) => {
  const revoked = new Set<string>();
  const activeUntil = new Map<string, number>();
  return async (familyId: string): Promise<boolean> => {
    if (revoked.has(familyId)) return false;
    if ((activeUntil.get(familyId) ?? 0) > now()) return true;
    const active = await sessions.isSessionActive(familyId);
    if (!active) {
      // Bounded too: the oldest remembered revocations go first (they are re-read if presented again).
      if (revoked.size >= 100_000) revoked.delete(revoked.values().next().value!);
      revoked.add(familyId);
      activeUntil.delete(familyId);
      return false;
    }
    // Bounded: an entry per live session, dropped when stale and the map grows.
    if (activeUntil.size > 10_000) for (const [id, until] of activeUntil) if (until <= now()) activeUntil.delete(id);
    activeUntil.set(familyId, now() + ACTIVE_FOR_MS);
    return true;
  };
};

export type SessionCheck = ReturnType<typeof createSessionCheck>;

import { PayGateError, revocationIn, sessionDecider, type EventStore, type LoginMethod, type SessionRole, type SessionState } from '@paygate/domain';
import { closeOwnerSession, openOwnerSession } from './owner-families.ts';
import { loadFamily, onFamily } from './session-streams.ts';
import { isSessionId, issueToken, readToken } from './session-token.ts';

export type SessionTokens = { familyId: string; refreshToken: string; refreshExpiresAt: string; ownerId: string; role: SessionRole };

export type FamilyDeps = { eventStore: EventStore; clock: () => Date; refreshTtlMs: number };

// One answer for every refused refresh (malformed, unknown, spent, revoked, expired): a 401 tells a prober nothing.
const refused = (reason: string) => new PayGateError('unauthorized', 'the refresh token is not valid', { reason });

const later = (at: Date, ms: number): string => new Date(at.getTime() + ms).toISOString();

/**
 * A new family for the owner, generation 0. The owner's list of open families is written first:
 * should the second append fail, "log out everywhere" finds a listed family that never started
 * (and skips it), never a live family it does not know of.
 */
export const startFamily = async (deps: FamilyDeps, input: { ownerId: string; role: SessionRole; method: LoginMethod }): Promise<SessionTokens> => {
  const at = deps.clock();
  const issued = issueToken();
  const refreshExpiresAt = later(at, deps.refreshTtlMs);
  await openOwnerSession(deps.eventStore, input.ownerId, issued.id, at);
  const data = { familyId: issued.id, ...input, refreshTokenHash: issued.hash, expiresAt: refreshExpiresAt, startedAt: at.toISOString() };
  await onFamily(deps.eventStore, issued.id, (state) => sessionDecider.decide({ type: 'StartSession', data }, state));
  return { familyId: issued.id, refreshToken: issued.token, refreshExpiresAt, ownerId: input.ownerId, role: input.role };
};

/**
 * Rotates the family (RFC 9700 §4.14.2): the presented token is spent, a new one replaces it. A
 * spent token presented again, or the current one past its expiry, revokes the whole family;
 * the revocation is appended (and the family closed on the owner's list) before the 401.
 */
export const rotateFamily = async (deps: FamilyDeps, refreshToken: string): Promise<SessionTokens> => {
  const presented = readToken(refreshToken);
  if (!presented) throw refused('malformed');
  const at = deps.clock();
  const next = issueToken(presented.id);
  const refreshExpiresAt = later(at, deps.refreshTtlMs);
  const data = { familyId: presented.id, presentedHash: presented.hash, newHash: next.hash, expiresAt: refreshExpiresAt, at: at.toISOString() };
  let decidedOn: SessionState = sessionDecider.initialState;
  const { events } = await onFamily(deps.eventStore, presented.id, (state) => {
    decidedOn = state;
    return sessionDecider.decide({ type: 'RotateRefreshToken', data }, state);
  });
  const { ownerId, role } = decidedOn;
  const revoked = revocationIn(events);
  if (revoked !== undefined) {
    if (ownerId !== undefined) await closeOwnerSession(deps.eventStore, ownerId, presented.id, at);
    throw refused(revoked);
  }
  if (events.length === 0 || ownerId === undefined || role === undefined) throw refused('not_rotated');
  return { familyId: presented.id, refreshToken: next.token, refreshExpiresAt, ownerId, role };
};

/**
 * Logout with any token the family issued (a spent one too: revoking is the safe side).
 * Idempotent; a malformed or unknown token, or another family's, changes nothing.
 */
export const endFamilyByToken = async (deps: FamilyDeps, refreshToken: string): Promise<void> => {
  const presented = readToken(refreshToken);
  if (!presented) return;
  const at = deps.clock();
  let ownerId: string | undefined;
  const { events } = await onFamily(deps.eventStore, presented.id, (state) => {
    if (state.status !== 'active' || state.ownerId === undefined || !state.hashes.includes(presented.hash)) return [];
    ownerId = state.ownerId;
    return sessionDecider.decide({ type: 'EndSession', data: { familyId: presented.id, ownerId: state.ownerId, reason: 'logout', at: at.toISOString() } }, state);
  });
  if (revocationIn(events) !== undefined && ownerId !== undefined) await closeOwnerSession(deps.eventStore, ownerId, presented.id, at);
};

/** Not revoked and its current refresh token not expired: what an access token's `sid` must name. */
export const familyIsActive = async (deps: FamilyDeps, familyId: string): Promise<boolean> => {
  if (!isSessionId(familyId)) return false;
  const state = await loadFamily(deps.eventStore, familyId);
  return state.status === 'active' && state.expiresAt !== undefined && Date.parse(state.expiresAt) > deps.clock().getTime();
};

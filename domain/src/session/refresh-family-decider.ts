import type { Decider, DomainCommand } from '../decider/decider.ts';
import { parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import { toMs } from '../subscription/subscription-time.ts';
import {
  RefreshTokenRotatedSchema,
  SessionRevokedSchema,
  SessionStartedSchema,
  type SessionEvent,
  type SessionRevoked,
  type SessionRevokeReason,
} from './refresh-family-events.ts';
import type { LoginMethod, SessionRole } from './session-schemas.ts';

export type StartSession = DomainCommand<
  'StartSession',
  { familyId: string; ownerId: string; role: SessionRole; method: LoginMethod; refreshTokenHash: string; expiresAt: string; startedAt: string }
>;
/** A refresh: the hash of the token presented, and the hash and expiry of the one that replaces it. */
export type RotateRefreshToken = DomainCommand<'RotateRefreshToken', { familyId: string; presentedHash: string; newHash: string; expiresAt: string; at: string }>;
/** Logout of one family; "log out everywhere" ends each listed family with its own reason. */
export type EndSession = DomainCommand<'EndSession', { familyId: string; ownerId: string; reason: 'logout' | 'logout_everywhere'; at: string }>;
export type SessionCommand = StartSession | RotateRefreshToken | EndSession;

export type SessionState = {
  readonly status: 'none' | 'active' | 'revoked';
  readonly ownerId?: string;
  readonly role?: SessionRole;
  readonly method?: LoginMethod;
  /** Every refresh token hash the family ever issued, by generation; the last one is current. */
  readonly hashes: readonly string[];
  readonly expiresAt?: string;
  readonly revokedReason?: SessionRevokeReason;
};

export const initialSessionState: SessionState = { status: 'none', hashes: [] };

const evolve = (state: SessionState, event: SessionEvent): SessionState => {
  switch (event.type) {
    case 'SessionStarted': {
      const { ownerId, role, method, refreshTokenHash, expiresAt } = event.data;
      return { status: 'active', ownerId, role, method, hashes: [refreshTokenHash], expiresAt };
    }
    case 'RefreshTokenRotated':
      return { ...state, hashes: [...state.hashes, event.data.refreshTokenHash], expiresAt: event.data.expiresAt };
    case 'SessionRevoked':
      return { ...state, status: 'revoked', revokedReason: event.data.reason };
    default:
      return state;
  }
};

// One message for every refusal a token holder could probe, so a 401 tells an attacker nothing; `reason` is for logs.
const refused = (reason: 'unknown_token' | 'revoked') => new PayGateError('unauthorized', 'the refresh token is not valid', { reason });

const assertLater = (expiresAt: string, at: string): void => {
  if (toMs(expiresAt) <= toMs(at)) throw new PayGateError('validation', 'a refresh token must expire after it is issued', { expiresAt, at });
};

const revoke = (familyId: string, reason: SessionRevokeReason, revokedAt: string): SessionEvent[] => [
  parseWithSchema(SessionRevokedSchema, { type: 'SessionRevoked', data: { familyId, reason, revokedAt } }, 'SessionRevoked'),
];

const start = (command: StartSession, state: SessionState): SessionEvent[] => {
  const { familyId, refreshTokenHash, expiresAt, startedAt } = command.data;
  if (state.status !== 'none') {
    // The same login retried after a lost reply appends nothing; anything else reusing the id is a bug.
    if (state.hashes[0] === refreshTokenHash && state.ownerId === command.data.ownerId) return [];
    throw new PayGateError('conflict', `session ${familyId} already exists`, { familyId });
  }
  assertLater(expiresAt, startedAt);
  return [parseWithSchema(SessionStartedSchema, { type: 'SessionStarted', data: { ...command.data } }, 'SessionStarted')];
};

const rotate = (command: RotateRefreshToken, state: SessionState): SessionEvent[] => {
  const { familyId, presentedHash, newHash, expiresAt, at } = command.data;
  if (state.status === 'none') throw refused('unknown_token');
  if (state.status === 'revoked') throw refused('revoked');
  // Plain comparison is safe: these are hashes of 256-bit random tokens, so timing reveals nothing presentable.
  const generation = state.hashes.indexOf(presentedHash);
  if (generation === -1) throw refused('unknown_token');
  // A spent token came back: the owner or a thief holds a copy, so nobody keeps the family (RFC 9700 §4.14.2).
  if (generation < state.hashes.length - 1) return revoke(familyId, 'reuse_detected', at);
  if (state.expiresAt === undefined || toMs(at) >= toMs(state.expiresAt)) return revoke(familyId, 'expired', at);
  if (state.hashes.includes(newHash)) throw new PayGateError('validation', 'a refresh token is never issued twice');
  assertLater(expiresAt, at);
  const data = { familyId, generation: state.hashes.length, refreshTokenHash: newHash, expiresAt, rotatedAt: at };
  return [parseWithSchema(RefreshTokenRotatedSchema, { type: 'RefreshTokenRotated', data }, 'RefreshTokenRotated')];
};

const end = (command: EndSession, state: SessionState): SessionEvent[] => {
  const { familyId, ownerId, reason, at } = command.data;
  // Another owner's family reads as absent (never confirm it exists).
  if (state.status === 'none' || state.ownerId !== ownerId) throw new PayGateError('not_found', `session ${familyId} does not exist`, { familyId });
  if (state.status === 'revoked') return [];
  return revoke(familyId, reason, at);
};

const decide = (command: SessionCommand, state: SessionState): SessionEvent[] => {
  switch (command.type) {
    case 'StartSession':
      return start(command, state);
    case 'RotateRefreshToken':
      return rotate(command, state);
    case 'EndSession':
      return end(command, state);
  }
};

/**
 * A rotation either issues a token or revokes the family (reuse, expiry) without throwing, so the
 * revocation is appended; the caller then answers 401. This says which happened.
 */
export const revocationIn = (events: readonly SessionEvent[]): SessionRevokeReason | undefined =>
  events.find((event): event is SessionRevoked => event.type === 'SessionRevoked')?.data.reason;

export const sessionDecider: Decider<SessionCommand, SessionEvent, SessionState> = { initialState: initialSessionState, evolve, decide };

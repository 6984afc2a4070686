import { LOGIN_LINK_MAX_LIFETIME_MS, parseWithSchema, PayGateError, TelegramUserIdSchema, type EventStore, type LoginMethod, type SessionRole } from '@paygate/domain';
import { issueLink, redeemLink } from './login-links.ts';
import { revokeEverywhere } from './owner-families.ts';
import { endFamilyByToken, familyIsActive, rotateFamily, startFamily, type SessionTokens } from './refresh-families.ts';

export type { SessionTokens } from './refresh-families.ts';

/**
 * Dashboard logins as events: refresh-token families (`session-<familyId>`), each owner's open
 * families (`owner-sessions-<ownerId>`), one-time login links (`login-link-<linkId>`). Tokens are
 * `<id>.<secret>` and only their SHA-256 is stored; every refusal is `unauthorized`.
 */
export type SessionService = {
  startSession(input: { ownerId: string; role: SessionRole; method: LoginMethod }): Promise<SessionTokens>;
  issueLoginLink(input: { ownerId: string }): Promise<{ token: string; expiresAt: string }>;
  /** Unauthorized when unknown, used, expired or malformed. */
  redeemLoginLink(token: string): Promise<{ ownerId: string }>;
  /** Rotates; reuse of a spent token (or an expired one) revokes the family, then unauthorized. */
  refresh(refreshToken: string): Promise<SessionTokens>;
  /** Idempotent; an unknown or malformed token changes nothing. */
  logout(refreshToken: string): Promise<void>;
  logoutEverywhere(ownerId: string): Promise<{ revoked: number }>;
  /** For access-token checks: reads the family's stream (a caller may cache the answer briefly). */
  isSessionActive(familyId: string): Promise<boolean>;
};

export type SessionServiceDeps = {
  eventStore: EventStore;
  clock: () => Date;
  /** How long a refresh token lives after it is issued (each rotation starts anew); default 30 days. */
  refreshTtlSeconds?: number;
  /** How long a bot login link lives; default 300 s, at most 15 minutes (the domain's rule). */
  loginLinkTtlSeconds?: number;
};

export const DEFAULT_REFRESH_TTL_SECONDS = 30 * 24 * 3600;
export const DEFAULT_LOGIN_LINK_TTL_SECONDS = 300;

const seconds = (value: number, name: string, max: number): number => {
  if (!Number.isSafeInteger(value) || value < 1 || value > max) throw new PayGateError('validation', `${name} must be a whole number of seconds from 1 to ${max}`, { [name]: value });
  return value * 1000;
};

// Checked before anything is appended: an owner id names a stream.
const ownerIdOf = (ownerId: string): string => parseWithSchema(TelegramUserIdSchema, ownerId, 'owner id');

export const createSessionService = ({
  eventStore,
  clock,
  refreshTtlSeconds = DEFAULT_REFRESH_TTL_SECONDS,
  loginLinkTtlSeconds = DEFAULT_LOGIN_LINK_TTL_SECONDS,
}: SessionServiceDeps): SessionService => {
  const families = { eventStore, clock, refreshTtlMs: seconds(refreshTtlSeconds, 'refreshTtlSeconds', 365 * 24 * 3600) };
  const links = { eventStore, clock, loginLinkTtlMs: seconds(loginLinkTtlSeconds, 'loginLinkTtlSeconds', LOGIN_LINK_MAX_LIFETIME_MS / 1000) };
  return {
    startSession: async (input) => startFamily(families, { ...input, ownerId: ownerIdOf(input.ownerId) }),
    issueLoginLink: async ({ ownerId }) => issueLink(links, ownerIdOf(ownerId)),
    redeemLoginLink: (token) => redeemLink(links, token),
    refresh: (refreshToken) => rotateFamily(families, refreshToken),
    logout: (refreshToken) => endFamilyByToken(families, refreshToken),
    logoutEverywhere: async (ownerId) => revokeEverywhere(eventStore, ownerIdOf(ownerId), clock()),
    isSessionActive: (familyId) => familyIsActive(families, familyId),
  };
};

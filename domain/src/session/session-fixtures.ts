import type { RotateRefreshToken, StartSession } from './refresh-family-decider.ts';
import type { SessionEvent, SessionStarted } from './refresh-family-events.ts';

// Shared by the session tests: generation n's token hash is `hash(n)`, each one issued a minute after the last.
export const FAMILY = 'fam-1';
export const OWNER = '123456789';
export const hash = (n: number): string => n.toString(16).padStart(64, '0');
export const minute = (n: number): string => new Date(Date.UTC(2026, 0, 2, 0, n)).toISOString();
const DAY_MINUTES = 24 * 60;

export const started: SessionStarted = {
  type: 'SessionStarted',
  data: { familyId: FAMILY, ownerId: OWNER, role: 'owner', method: 'telegram_widget', refreshTokenHash: hash(0), expiresAt: minute(DAY_MINUTES), startedAt: minute(0) },
};
export const startSession = (overrides: Partial<StartSession['data']> = {}): StartSession => ({ type: 'StartSession', data: { ...started.data, ...overrides } });

/** Generation `n` replaces `n - 1` at minute `n`, valid for a day. */
export const rotated = (n: number): SessionEvent => ({
  type: 'RefreshTokenRotated',
  data: { familyId: FAMILY, generation: n, refreshTokenHash: hash(n), expiresAt: minute(n + DAY_MINUTES), rotatedAt: minute(n) },
});
export const rotate = (presented: number, next: number, at = minute(next)): RotateRefreshToken => ({
  type: 'RotateRefreshToken',
  data: { familyId: FAMILY, presentedHash: hash(presented), newHash: hash(next), expiresAt: minute(next + DAY_MINUTES), at },
});
export const revoked = (reason: 'reuse_detected' | 'logout' | 'logout_everywhere' | 'expired', at: string): SessionEvent => ({
  type: 'SessionRevoked',
  data: { familyId: FAMILY, reason, revokedAt: at },
});

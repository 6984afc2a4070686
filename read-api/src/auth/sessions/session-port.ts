import type { AccessTokenRole } from '../tokens/index.ts';

/** A fresh or rotated refresh token and whose it is (the commands side's SessionTokens). */
export type SessionGrant = { familyId: string; refreshToken: string; refreshExpiresAt: string; ownerId: string; role: AccessTokenRole };

/**
 * What the read API needs from the session commands; the composition root passes the commands
 * side's session service. Every method that changes a session appends events, so logins,
 * refreshes and logouts are in the log for auditors.
 */
export type SessionPort = {
  startSession(input: { ownerId: string; role: AccessTokenRole; method: 'telegram_widget' | 'bot_link' }): Promise<SessionGrant>;
  redeemLoginLink(token: string): Promise<{ ownerId: string }>;
  refresh(refreshToken: string): Promise<SessionGrant>;
  logout(refreshToken: string): Promise<void>;
  logoutEverywhere(ownerId: string): Promise<{ revoked: number }>;
  isSessionActive(familyId: string): Promise<boolean>;
};

/** Which Telegram users log in as admin or auditor (DASHBOARD_ADMIN_IDS, DASHBOARD_AUDITOR_IDS); everyone else is an owner. */
export type RolePolicy = { admins: ReadonlySet<string>; auditors: ReadonlySet<string> };

export const roleOf = (policy: RolePolicy, telegramUserId: string): AccessTokenRole =>
  policy.admins.has(telegramUserId) ? 'admin' : policy.auditors.has(telegramUserId) ? 'auditor' : 'owner';

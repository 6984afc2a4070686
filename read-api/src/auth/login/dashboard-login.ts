import { PayGateError } from '@paygate/domain';
import type { SessionCheck, SessionGrant, SessionPort, RolePolicy } from '../sessions/index.ts';
import { roleOf } from '../sessions/index.ts';
import type { TelegramLoginVerifier } from '../telegram-login/index.ts';
import type { AccessTokens } from '../tokens/index.ts';

/** What a login or refresh answers (POST /api/v1/auth/*), and what the dashboard keeps in cookies. */
export type TokenPair = { accessToken: string; refreshToken: string; expiresIn: number; refreshExpiresAt: string };

/** Everything dashboard logins need; absent from the read API when logins are not configured. */
export type DashboardAuth = {
  accessTokens: AccessTokens;
  sessions: SessionPort;
  sessionActive: SessionCheck;
  roles: RolePolicy;
  /** Undefined without a bot token: the widget cannot be verified, so widget logins are refused. */
  verifyTelegramLogin: TelegramLoginVerifier | undefined;
};

export type DashboardLogin = {
  /** Telegram Login Widget fields → a new session (role from DASHBOARD_ADMIN_IDS / DASHBOARD_AUDITOR_IDS). */
  withWidget(fields: unknown): Promise<TokenPair>;
  /** A one-time link the bot sent (`/dashboard`) → a new session. */
  withLink(token: string): Promise<TokenPair>;
  /** Rotates the refresh token; a spent one revokes its whole family (401). */
  refresh(refreshToken: string): Promise<TokenPair>;
};

export const createDashboardLogin = ({ accessTokens, sessions, roles, verifyTelegramLogin }: DashboardAuth): DashboardLogin => {
  const pair = async (grant: SessionGrant): Promise<TokenPair> => {
    const access = await accessTokens.issueAccessToken({ subject: grant.ownerId, role: grant.role, sessionId: grant.familyId });
    return { accessToken: access.token, refreshToken: grant.refreshToken, expiresIn: access.expiresIn, refreshExpiresAt: grant.refreshExpiresAt };
  };
  return {
    withWidget: async (fields) => {
      if (!verifyTelegramLogin) throw new PayGateError('unavailable', 'Telegram widget login is not configured (no bot token).');
      const login = verifyTelegramLogin(fields);
      const ownerId = login.telegramUserId;
      return pair(await sessions.startSession({ ownerId, role: roleOf(roles, ownerId), method: 'telegram_widget' }));
    },
    withLink: async (token) => {
      const { ownerId } = await sessions.redeemLoginLink(token);
      return pair(await sessions.startSession({ ownerId, role: roleOf(roles, ownerId), method: 'bot_link' }));
    },
    // The role follows the configuration at every refresh, so removing an admin takes effect within one access-token lifetime.
    refresh: async (refreshToken) => {
      const grant = await sessions.refresh(refreshToken);
      return pair({ ...grant, role: roleOf(roles, grant.ownerId) });
    },
  };
};

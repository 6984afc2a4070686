import { createSessionService, type SessionService } from '@paygate/commands';
import type { EventStore } from '@paygate/domain';
import { createAccessTokens, createSessionCheck, createTelegramLoginVerifier, withSingleRotation, type DashboardAuth } from '@paygate/read-api';
import type { Config } from '../config/index.ts';
import { SANDBOX_TELEGRAM_BOT_TOKEN } from '../config/index.ts';
import type { Logger } from '../logging/index.ts';
import type { PublicAddress } from '../runtime/public-address.ts';
import { createDashboardLinks } from '../bot/dashboard-links.ts';
import { loadDashboardKeyRing } from './dashboard-keys.ts';

export type DashboardSetup = {
  sessions: SessionService;
  /** Loads the token keys (a bad key stops the start); call before `auth()`. */
  prepare(): Promise<void>;
  /** Undefined before `prepare`, and in live mode without DASHBOARD_SIGNING_KEY (logins off). */
  auth(): DashboardAuth | undefined;
  /** A one-time login link for a Telegram user: the bot's `/dashboard`, the CLI and the sandbox's demo owner. */
  issueLoginUrl(ownerId: string): Promise<{ url: string; expiresAt: string }>;
};

export type DashboardSetupDeps = {
  config: Pick<Config, 'mode' | 'dataDir' | 'dashboard' | 'publicUrl' | 'telegramBotToken'>;
  eventStore: EventStore;
  clock: () => Date;
  address: PublicAddress;
  logger: Logger;
  /** How long a login link lives; default 5 minutes (at most 15). */
  loginLinkTtlSeconds?: number;
};

export const createDashboardSetup = ({ config, eventStore, clock, address, logger, loginLinkTtlSeconds }: DashboardSetupDeps): DashboardSetup => {
  const sessions = createSessionService({
    eventStore,
    clock,
    refreshTtlSeconds: config.dashboard.sessionSeconds,
    ...(loginLinkTtlSeconds === undefined ? {} : { loginLinkTtlSeconds }),
  });
  const links = createDashboardLinks({ sessions, publicUrl: () => address.publicUrl() });
  let auth: DashboardAuth | undefined;
  const botToken = config.telegramBotToken ?? (config.mode === 'sandbox' ? SANDBOX_TELEGRAM_BOT_TOKEN : undefined);
  return {
    sessions,
    async prepare() {
      if (auth) return;
      const keyRing = await loadDashboardKeyRing(config);
      if (!keyRing) {
        logger.info({ variable: 'DASHBOARD_SIGNING_KEY' }, 'dashboard logins off: no signing key configured');
        return;
      }
      auth = {
        accessTokens: createAccessTokens({ keyRing, issuer: config.publicUrl, audience: `${config.publicUrl}/api/v1`, now: clock }),
        // The API's refresh and the pages' share one rotation per token in this process.
        sessions: withSingleRotation(sessions),
        sessionActive: createSessionCheck(sessions),
        roles: { admins: new Set(config.dashboard.adminIds), auditors: new Set(config.dashboard.auditorIds) },
        verifyTelegramLogin: botToken === undefined ? undefined : createTelegramLoginVerifier({ botToken, now: clock }),
      };
    },
    auth: () => auth,
    issueLoginUrl: (ownerId) => links.issueDashboardLink(ownerId),
  };
};

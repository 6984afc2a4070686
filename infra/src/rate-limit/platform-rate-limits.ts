import type pg from 'pg';
import type { RateLimiter } from '@paygate/http';
import type { ReadApiLimits } from '@paygate/read-api';
import type { Config } from '../config/index.ts';
import type { Logger } from '../logging/index.ts';
import { createPostgresAuthLockout, type LockoutPolicy } from './postgres-auth-lockout.ts';
import { createPostgresRateLimiter } from './postgres-rate-limiter.ts';
import { rateLimitTableReady } from './rate-limit-table.ts';

/** Every limit PayGate applies across processes; documented in docs/read-api.md. */
export type PlatformRateLimits = {
  /** Per caller address and per operator key (RATE_LIMIT_API_PER_MINUTE each), and the wrong-key lockout. */
  readApi: ReadApiLimits;
  /** `POST /webhooks/telegram` per caller address (RATE_LIMIT_WEBHOOK_PER_MINUTE). */
  telegramWebhook: RateLimiter;
  /** Invoices the bot creates, all users together (RATE_LIMIT_INVOICES_PER_MINUTE); one key, `all`. */
  invoices: RateLimiter;
};

/** 10 wrong operator keys from one address within 15 minutes lock it out for 15 minutes. */
export const OPERATOR_KEY_LOCKOUT: LockoutPolicy = { maxFailures: 10, windowSeconds: 15 * 60, lockSeconds: 15 * 60 };

const MINUTE = 60;

export type PlatformRateLimitsDeps = { pool: pg.Pool; logger: Logger; limits: Config['rateLimits'] };

/** The limits of a process, shared by its roles (counts live in PostgreSQL, so across processes too). */
export const createPlatformRateLimits = ({ pool, logger: parent, limits }: PlatformRateLimitsDeps): PlatformRateLimits => {
  const logger = parent.child({ component: 'rate-limit' });
  const ready = rateLimitTableReady(pool, (error) =>
    logger.error({ err: error }, 'rate limit table unavailable: limits fall back to this process until it can be created'),
  );
  const { apiPerMinute, webhookPerMinute, invoicesPerMinute } = limits;
  const budget = (name: string, points: number) => createPostgresRateLimiter({ pool, ready, name, points, durationSeconds: MINUTE });
  return {
    readApi: {
      perAddress: budget('api-address', apiPerMinute),
      perKey: budget('api-key', apiPerMinute),
      lockout: createPostgresAuthLockout({ pool, ready, name: 'operator-key-failures', ...OPERATOR_KEY_LOCKOUT }),
    },
    telegramWebhook: budget('telegram-webhook', webhookPerMinute),
    invoices: budget('bot-invoices', invoicesPerMinute),
  };
};

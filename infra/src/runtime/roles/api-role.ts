import { WEBHOOK_PATH } from '@paygate/bot';
import { clientAddress, rateLimit } from '@paygate/http';
import { createHttpApp, startHttpServer, type AppEnv, type HttpApp, type RunningHttpServer } from '../../http/index.ts';
import { rateLimitsFor } from '../../rate-limit/index.ts';
import type { Platform } from '../platform.ts';
import { platformReadinessChecks } from '../readiness-checks.ts';
import { recordApiUrl } from '../public-address.ts';
import type { Role } from '../role.ts';

/** Mounts routes on the api role's app: webhooks, read API, dashboard. */
export type ApiRoutes = (app: HttpApp, platform: Platform) => void;

const mounted: ApiRoutes[] = [];

/** Adds routes to every api role created afterwards (register at module load, before `start`). */
export const registerApiRoutes = (routes: ApiRoutes): void => {
  mounted.push(routes);
};

export type ApiRoleOptions = {
  /** Routes for this instance only; default: everything passed to registerApiRoutes. */
  routes?: readonly ApiRoutes[];
};

/**
 * Telegram updates are small (its own handler allows 1 MB after the secret check); this floor
 * refuses anything bigger before the handler reads it, and still fits the largest real update.
 */
export const TELEGRAM_WEBHOOK_MAX_BODY_BYTES = 256 * 1024;

/**
 * The HTTP role: `/healthz`, `/readyz` (postgres, event store, broker) and the mounted routes,
 * with the Telegram webhook limited per caller address (the read API limits itself).
 */
export const createApiRole = (platform: Platform, options: ApiRoleOptions = {}): Role => {
  const logger = platform.logger.child({ role: 'api' });
  const routes = options.routes ?? mounted;
  let server: RunningHttpServer | undefined;
  return {
    name: 'api',
    async start() {
      const app = createHttpApp({
        logger,
        readiness: platformReadinessChecks(platform),
        https: platform.config.publicUrl.startsWith('https://'),
        facts: { mode: platform.config.mode },
        trustedProxies: platform.config.trustedProxies,
        bodyLimits: { byPath: { [WEBHOOK_PATH]: TELEGRAM_WEBHOOK_MAX_BODY_BYTES } },
        routes: (app) => {
          // Registered before the routes, so it runs before the webhook handler.
          app.use(WEBHOOK_PATH, rateLimit<AppEnv>({ limiter: rateLimitsFor(platform).telegramWebhook, key: clientAddress }));
          for (const mount of routes) mount(app, platform);
        },
      });
      server = await startHttpServer(app, { port: platform.config.port, host: platform.config.host });
      // A wildcard bind is reachable on loopback; that is the address local callers (sandbox IPNs, CLI) use.
      recordApiUrl(platform, `http://${/^(0\.0\.0\.0|::|\[::\])$/.test(platform.config.host) ? '127.0.0.1' : platform.config.host.includes(':') ? `[${platform.config.host}]` : platform.config.host}:${server.port}`);
      logger.info({ url: server.url }, 'api listening');
    },
    async stop() {
      // Stop accepting first; in-flight requests finish before close resolves.
      await server?.close();
      server = undefined;
    },
    url: () => server?.url,
  };
};

import { WEBHOOK_PATH } from '@paygate/bot';
import { clientAddress, rateLimit } from '@paygate/http';
import type { Config } from '../../config/index.ts';
import { createHttpApp, startHttpServer, type AppEnv, type CreateHttpAppOptions, type HttpApp, type ReadinessCheck, type RunningHttpServer } from '../../http/index.ts';
import type { Logger } from '../../logging/index.ts';
import type { PlatformRateLimits } from '../../rate-limit/index.ts';
import type { PublicAddress } from '../public-address.ts';
import type { Role } from '../role.ts';

/** Mounts routes on the api role's app: webhooks, read API, dashboard, sandboxes. */
export type ApiRoutes = (app: HttpApp) => void;

export type ApiRoleDeps = {
  logger: Logger;
  config: Pick<Config, 'mode' | 'port' | 'host' | 'publicUrl' | 'trustedProxies'>;
  /** What `/readyz` asks (postgres, event store, broker). */
  readiness: readonly ReadinessCheck[];
  routes: readonly ApiRoutes[];
  /** `POST /webhooks/telegram` per caller address (RATE_LIMIT_WEBHOOK_PER_MINUTE). */
  webhookLimit: PlatformRateLimits['telegramWebhook'];
  /** Learns where the api listens, for sandbox callbacks and local callers. */
  address: PublicAddress;
  /** Loads what the routes need before they mount (the dashboard's token keys); a failure stops the start. */
  prepare?: () => Promise<void>;
  /** IPN counting and `/metrics` (see telemetry's apiMetrics). */
  metrics?: CreateHttpAppOptions['metrics'];
};

/**
 * Telegram updates are small (its own handler allows 1 MB after the secret check); this floor
 * refuses anything bigger before the handler reads it, and still fits the largest real update.
 */
export const TELEGRAM_WEBHOOK_MAX_BODY_BYTES = 256 * 1024;

/** A wildcard bind is reachable on loopback; that is the address local callers (sandbox IPNs, CLI) use. */
const loopbackUrl = (host: string, port: number): string =>
  `http://${/^(0\.0\.0\.0|::|\[::\])$/.test(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host}:${port}`;

/**
 * The HTTP role: `/healthz`, `/readyz` (with the mode as a fact) and the given routes, with the
 * Telegram webhook limited per caller address (the read API limits itself).
 */
export const createApiRole = ({ logger: parent, config, readiness, routes, webhookLimit, address, prepare, metrics }: ApiRoleDeps): Role => {
  const logger = parent.child({ role: 'api' });
  let server: RunningHttpServer | undefined;
  return {
    name: 'api',
    async start() {
      await prepare?.();
      const app = createHttpApp({
        logger,
        readiness,
        https: config.publicUrl.startsWith('https://'),
        facts: { mode: config.mode },
        trustedProxies: config.trustedProxies,
        bodyLimits: { byPath: { [WEBHOOK_PATH]: TELEGRAM_WEBHOOK_MAX_BODY_BYTES } },
        ...(metrics ? { metrics } : {}),
        routes: (app) => {
          // Registered before the routes, so it runs before the webhook handler.
          app.use(WEBHOOK_PATH, rateLimit<AppEnv>({ limiter: webhookLimit, key: clientAddress }));
          for (const mount of routes) mount(app);
        },
      });
      server = await startHttpServer(app, { port: config.port, host: config.host });
      address.record(loopbackUrl(config.host, server.port));
      logger.debug({ url: server.url }, 'api listening');
    },
    async stop() {
      // Stop accepting first; in-flight requests finish before close resolves.
      await server?.close();
      server = undefined;
    },
    url: () => server?.url,
  };
};

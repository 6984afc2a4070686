import { createHttpApp, startHttpServer, type HttpApp, type RunningHttpServer } from '../../http/index.ts';
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

/** The HTTP role: `/healthz`, `/readyz` (postgres, event store, broker) and the mounted routes. */
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
        routes: (app) => {
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

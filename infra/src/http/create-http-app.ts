import { Hono } from 'hono';
import type { Logger } from '../logging/index.ts';
import type { AppEnv } from './app-env.ts';
import { createErrorHandler, createProblem, problemResponse } from '@paygate/read-api';
import { runReadinessChecks, type ReadinessCheck } from './readiness.ts';
import { requestLogger } from './request-logger.ts';

export type HttpApp = Hono<AppEnv>;

export type CreateHttpAppOptions = {
  logger: Logger;
  readiness: readonly ReadinessCheck[];
  /** Mounts the product routes (webhooks, read API, dashboard). */
  routes?: (app: HttpApp) => void;
  /** Per-check bound for `/readyz`; a load balancer's probe usually gives up after a few seconds. */
  readinessTimeoutMs?: number;
};

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * The HTTP shell every PayGate API shares: request logging, `/healthz` (the process is alive),
 * `/readyz` (its dependencies answer), and the one error mapper to `application/problem+json`.
 */
export const createHttpApp = ({ logger, readiness, routes, readinessTimeoutMs = 2_000 }: CreateHttpAppOptions): HttpApp => {
  const app = new Hono<AppEnv>();
  app.use(requestLogger(logger));
  app.onError(createErrorHandler(logger));
  app.notFound((c) =>
    problemResponse(
      c,
      createProblem('not_found', { detail: `No route for ${c.req.method} ${c.req.path}`, errorId: c.get('requestId') ?? 'none' }),
    ),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200, NO_STORE));
  app.get('/readyz', async (c) => {
    const report = await runReadinessChecks(readiness, { timeoutMs: readinessTimeoutMs, logger: c.get('logger') });
    return report.ready
      ? c.json({ status: 'ready', checks: report.checks }, 200, NO_STORE)
      : c.json({ status: 'not_ready', checks: report.checks }, 503, NO_STORE);
  });

  routes?.(app);
  return app;
};

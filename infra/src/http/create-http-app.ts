import { Hono, type MiddlewareHandler } from 'hono';
import type { Logger } from '../logging/index.ts';
import type { AppEnv } from './app-env.ts';
import { createErrorHandler, createNotFoundHandler, type HttpEnv } from '@paygate/http';
import { bodyLimits, type BodyLimits } from './body-limits.ts';
import { resolveClientAddress } from './client-address.ts';
import { runReadinessChecks, type ReadinessCheck } from './readiness.ts';
import { requestLogger } from './request-logger.ts';
import { securityHeaders } from './security-headers.ts';
// The files themselves, not telemetry/index.ts: that one also starts servers built on this one.
import { countIpns } from '../telemetry/metrics/ipn-outcomes.ts';
import { metricsHandler } from '../telemetry/metrics/metrics-route.ts';
import type { PayGateMetrics } from '../telemetry/metrics/paygate-metrics.ts';
import { serverSpans } from '../telemetry/tracing/server-spans.ts';

export type HttpApp = Hono<AppEnv>;

export type CreateHttpAppOptions = {
  logger: Logger;
  readiness: readonly ReadinessCheck[];
  /** Mounts the product routes (webhooks, read API, dashboard). */
  routes?: (app: HttpApp) => void;
  /** Per-check bound for `/readyz`; a load balancer's probe usually gives up after a few seconds. */
  readinessTimeoutMs?: number;
  /** Served over https (the public URL): adds Strict-Transport-Security. */
  https?: boolean;
  /** 64 KiB per request body unless a path has its own limit. */
  bodyLimits?: BodyLimits;
  /** Opt-in: reverse proxies whose X-Forwarded-For names the client (client-address.ts). */
  trustedProxies?: readonly string[];
  /** Facts `/readyz` states beside the checks, e.g. `{ mode: 'live' }`, so a probe sees what runs. */
  facts?: Readonly<Record<string, string>>;
  /**
   * Counts IPNs and, with `auth` (the operator key), serves `GET /metrics`; without `auth` the
   * metrics are served elsewhere (METRICS_PORT).
   */
  metrics?: { registry: Pick<PayGateMetrics, 'scrape' | 'contentType' | 'ipnReceived'>; auth?: MiddlewareHandler<HttpEnv>; ipnPath: string };
};

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * The HTTP shell every PayGate API shares: request logging, security headers, the client's
 * address, body limits, `/healthz` (the process is alive), `/readyz` (its dependencies answer),
 * and the one error mapper to `application/problem+json` (404 and 405 included). The probes are
 * never rate limited: limits belong to the routes that need them.
 */
export const createHttpApp = ({
  logger,
  readiness,
  routes,
  readinessTimeoutMs = 2_000,
  https = false,
  bodyLimits: limits,
  trustedProxies,
  facts = {},
  metrics,
}: CreateHttpAppOptions): HttpApp => {
  const app = new Hono<AppEnv>();
  // First, so the request's log lines carry its trace and span ids.
  app.use(serverSpans());
  app.use(requestLogger(logger));
  app.use(securityHeaders({ https }));
  app.use(resolveClientAddress({ trustedProxies }));
  app.use(bodyLimits(limits));
  app.onError(createErrorHandler(logger));
  app.notFound(createNotFoundHandler(app));

  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200, NO_STORE));
  app.get('/readyz', async (c) => {
    const report = await runReadinessChecks(readiness, { timeoutMs: readinessTimeoutMs, logger: c.get('logger') });
    return report.ready
      ? c.json({ status: 'ready', ...facts, checks: report.checks }, 200, NO_STORE)
      : c.json({ status: 'not_ready', ...facts, checks: report.checks }, 503, NO_STORE);
  });

  if (metrics) {
    app.use(metrics.ipnPath, countIpns(metrics.registry));
    if (metrics.auth) app.route('/', new Hono<HttpEnv>().get('/metrics', metrics.auth, metricsHandler(metrics.registry)));
  }
  routes?.(app);
  return app;
};

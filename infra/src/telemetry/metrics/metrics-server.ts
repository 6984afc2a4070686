import { Hono } from 'hono';
import { startHttpServer, type RunningHttpServer } from '../../http/index.ts';
import { metricsHandler } from './metrics-route.ts';
import type { PayGateMetrics } from './paygate-metrics.ts';

/**
 * `/metrics` alone on its own port (METRICS_PORT), without the operator key: for a Prometheus
 * on a private network. Anything else is 404.
 */
export const startMetricsServer = (metrics: Pick<PayGateMetrics, 'scrape' | 'contentType'>, options: { port: number; host: string }): Promise<RunningHttpServer> => {
  const app = new Hono();
  app.get('/metrics', metricsHandler(metrics));
  return startHttpServer(app, { ...options, graceMs: 1_000 });
};

import type { Context } from 'hono';
import type { PayGateMetrics } from './paygate-metrics.ts';

/** The `/metrics` handler: a fresh scrape in the Prometheus text format, never cached. */
export const metricsHandler = (metrics: Pick<PayGateMetrics, 'scrape' | 'contentType'>) => async (c: Context) =>
  c.body(await metrics.scrape(), 200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });

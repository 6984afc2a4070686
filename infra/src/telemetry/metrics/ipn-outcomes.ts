import type { MiddlewareHandler } from 'hono';
import type { MetricsRegistry } from './registry.ts';

/** An IPN's outcome from the webhook's answer (see commands' nowpayments-webhook.ts). */
export const ipnOutcome = (status: number): string =>
  status < 300 ? 'accepted' : status === 401 ? 'unauthorized' : status === 503 ? 'unavailable' : status < 500 ? 'invalid' : 'error';

/** Counts `POST` IPNs into `paygate_ipn_received_total{outcome}`. Mount it on the webhook path. */
export const countIpns =
  ({ ipnReceived }: Pick<MetricsRegistry, 'ipnReceived'>): MiddlewareHandler =>
  async (c, next) => {
    await next();
    if (c.req.method === 'POST') ipnReceived.inc({ outcome: ipnOutcome(c.res.status) });
  };

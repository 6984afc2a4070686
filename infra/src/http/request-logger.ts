import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logging/index.ts';
import { createAccessSummary } from './access-summary.ts';
import type { AppEnv } from './app-env.ts';

const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
// The sandboxes' own traffic (the bot polling the Telegram simulator every second) is not PayGate's.
const QUIET_PREFIX = '/sandbox/';
const SAFE_REQUEST_ID = /^[\w.:-]{1,100}$/;
// Webhooks are the hot path: one debug line each, and a counted summary at info.
const HOT_PATHS = new Set(['/webhooks/nowpayments', '/webhooks/telegram']);

export type RequestLoggerOptions = { summaryIntervalMs?: number; now?: () => number };

/**
 * Gives each request an id (a caller's `x-request-id` when it is safe to echo) and a child
 * logger, and logs one line per request. Only the path is logged, never the query string,
 * which may carry tokens. Probes and sandbox traffic log at debug so they do not drown the rest;
 * webhooks log at debug and are summed into one info line per interval (access-summary.ts).
 */
export const requestLogger = (logger: Logger, options: RequestLoggerOptions = {}): MiddlewareHandler<AppEnv> => {
  const summary = createAccessSummary(logger, { intervalMs: options.summaryIntervalMs, ...(options.now ? { now: options.now } : {}) });
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const requestLog = logger.child({ requestId });
    c.set('requestId', requestId);
    c.set('logger', requestLog);
    await next();
    c.header('x-request-id', requestId);
    const line = {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    };
    if (HOT_PATHS.has(c.req.path)) {
      requestLog.debug(line, 'request');
      summary.count(`${line.method} ${line.path} ${line.status}`);
    } else if (QUIET_PATHS.has(c.req.path) || c.req.path.startsWith(QUIET_PREFIX)) requestLog.debug(line, 'request');
    else requestLog.info(line, 'request');
  };
};

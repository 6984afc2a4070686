import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { safeUrl } from './safe-url.ts';
import { contextFrom, paygateTracer, tracingActive } from './tracer.ts';

const UNTRACED = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * An HTTP server span per request (`POST /webhooks/nowpayments`), continuing the caller's W3C
 * `traceparent`, named after the matched route so ids never end up in span names. Probes and
 * `/metrics` are not traced; sandbox routes only as part of a trace that reached them (the bot's
 * polling of the Telegram simulator would otherwise start a trace every second).
 */
export const serverSpans = (): MiddlewareHandler => async (c, next) => {
  const path = c.req.path;
  if (!tracingActive() || UNTRACED.has(path)) return next();
  const parent = contextFrom({ traceparent: c.req.header('traceparent'), tracestate: c.req.header('tracestate') });
  if (path.startsWith('/sandbox/') && trace.getSpanContext(parent) === undefined) return next();
  const method = c.req.method;
  const url = new URL(c.req.url);
  const span = paygateTracer().startSpan(
    method,
    // The Telegram simulator's paths hold the bot token: the same redaction as client spans.
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': safeUrl(url.origin, path).path, 'url.scheme': url.protocol.replace(':', '') } },
    parent,
  );
  try {
    await context.with(trace.setSpan(parent, span), next);
  } finally {
    const route = routePath(c, -1);
    if (route && route !== '*' && route !== '/*') {
      span.setAttribute('http.route', route);
      span.updateName(`${method} ${route}`);
    }
    const status = c.res.status;
    span.setAttribute('http.response.status_code', status);
    if (c.error) span.recordException(c.error);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  }
};

import http, { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver } from '../test-support/otlp-receiver.ts';
import { startTracing, type Tracing } from './start-tracing.ts';
import { paygateTracer } from './tracer.ts';

// Outbound HTTP from both clients PayGate uses — the global fetch (every gateway) and node:http
// (grammY) — inside a span: a client span each, the W3C context sent along, and no credential
// from the URL in what is exported.
const TOKEN = '123456:SECRET_bot_token_value';

describe('outbound HTTP client spans', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let tracing: Tracing | undefined;
  const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
  const target = createServer((request, response) => {
    seen.push({ path: request.url ?? '', headers: request.headers });
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"result":{}}');
  });
  let origin: string;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    Object.assign(process.env, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_SERVICE_NAME: 'client-spans' });
    tracing = await startTracing();
  });
  afterAll(async () => {
    await tracing?.shutdown();
    for (const name of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_PROTOCOL', 'OTEL_SERVICE_NAME']) delete process.env[name];
    await receiver?.close();
    await new Promise((resolve) => target.close(resolve));
  });

  it('fetch and node:http calls are children of the active span, carry traceparent, and export no token or query', async () => {
    expect(tracing).toBeDefined();
    const { traceId, spanId } = await paygateTracer().startActiveSpan('caller', { kind: SpanKind.INTERNAL }, async (span) => {
      await (await fetch(`${origin}/bot${TOKEN}/getMe?secret=q1`, { method: 'POST' })).text();
      await new Promise<void>((resolve, reject) => {
        // Through the module object, as CommonJS callers (node-fetch) do.
        const sent = http.request(`${origin}/bot${TOKEN}/getUpdates?secret=q2`, { method: 'POST' }, (response) => response.resume().on('end', resolve));
        sent.on('error', reject).end();
      });
      span.end();
      return span.spanContext();
    });
    // Without a parent, no span (and nothing sent along).
    await (await fetch(`${origin}/untraced`)).text();
    await tracing!.shutdown(); // flushes
    tracing = undefined;

    const clients = receiver.spans.filter((span) => span.kind === 3);
    expect(clients.map((span) => span.attributes['url.full']).sort()).toEqual([`${origin}/bot[redacted]/getMe`, `${origin}/bot[redacted]/getUpdates`]);
    for (const client of clients) expect(client).toMatchObject({ traceId, parentSpanId: spanId });
    for (const path of ['/getMe', '/getUpdates']) {
      const arrived = seen.find((request) => request.path.includes(path));
      expect(arrived?.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    }
    expect(seen.find((request) => request.path === '/untraced')?.headers.traceparent).toBeUndefined();
    const exported = receiver.bodies.join('\n');
    expect(exported).not.toContain('SECRET_bot_token_value');
    expect(exported).not.toContain('secret=q');
  });
});

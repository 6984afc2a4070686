import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/index.ts';
import { createHttpApp, DEFAULT_MAX_BODY_BYTES } from './index.ts';

const logger = createLogger({ level: 'silent' });
const app = createHttpApp({
  logger,
  readiness: [],
  bodyLimits: { byPath: { '/big': 256 * 1024 } },
  routes: (r) => {
    r.post('/echo', async (c) => c.json({ bytes: (await c.req.arrayBuffer()).byteLength }));
    r.post('/big', async (c) => c.json({ bytes: (await c.req.arrayBuffer()).byteLength }));
  },
});

const bytes = (n: number) => new Uint8Array(n).fill(97);
// A streamed body has no Content-Length (chunked on the wire), so only counting can catch it.
const chunked = (total: number, chunk = 8 * 1024) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let sent = 0; sent < total; sent += chunk) controller.enqueue(bytes(Math.min(chunk, total - sent)));
      controller.close();
    },
  });
const post = (path: string, body: NonNullable<RequestInit['body']>, headers: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('body limits', () => {
  it('accepts a body at the limit', async () => {
    const response = await post('/echo', bytes(DEFAULT_MAX_BODY_BYTES));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ bytes: DEFAULT_MAX_BODY_BYTES });
  });

  it.each([
    ['declared by Content-Length', () => post('/echo', bytes(DEFAULT_MAX_BODY_BYTES + 1))],
    ['streamed without Content-Length', () => post('/echo', chunked(DEFAULT_MAX_BODY_BYTES + 1))],
  ])('refuses a body over the limit %s with 413 problem+json and closes the connection', async (_how, send) => {
    const response = await send();
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.json()).toMatchObject({ type: 'urn:paygate:problem:too_large', status: 413, details: { maxBytes: DEFAULT_MAX_BODY_BYTES } });
  });

  it('a path with its own limit gets that one instead', async () => {
    expect((await post('/big', chunked(200 * 1024))).status).toBe(200);
    expect((await post('/echo', chunked(200 * 1024))).status).toBe(413);
    expect((await post('/big', bytes(256 * 1024 + 1))).status).toBe(413);
  });
});

import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging/index.ts';
import type { AppEnv } from './app-env.ts';
import { requestLogger } from './request-logger.ts';

const capture = () => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
  return { lines, logger };
};

describe('request logging on the webhooks (the hot path)', () => {
  it('logs each webhook request at debug only, and their counts at info once per interval', async () => {
    const { lines, logger } = capture();
    let clock = 0;
    const app = new Hono<AppEnv>();
    app.use(requestLogger(logger, { summaryIntervalMs: 60_000, now: () => clock }));
    app.post('/webhooks/nowpayments', (c) => c.json({ ok: true }));
    app.get('/api/v1/payments', (c) => c.json([]));

    for (let i = 0; i < 5; i++) await app.request('/webhooks/nowpayments', { method: 'POST' });
    const requestLines = lines.filter((line) => line.msg === 'request' && line.path === '/webhooks/nowpayments');
    expect(requestLines.map((line) => line.level)).toEqual([20, 20, 20, 20, 20]);
    expect(lines.filter((line) => line.level === 30)).toEqual([]);

    clock = 61_000;
    await app.request('/webhooks/nowpayments', { method: 'POST' });
    const summaries = lines.filter((line) => line.msg === 'requests since the last summary');
    expect(summaries).toEqual([expect.objectContaining({ level: 30, requests: { 'POST /webhooks/nowpayments 200': 6 }, seconds: 61 })]);

    // Everything else keeps its one info line per request.
    await app.request('/api/v1/payments');
    expect(lines.filter((line) => line.msg === 'request' && line.level === 30).map((line) => line.path)).toEqual(['/api/v1/payments']);
  });
});

import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SimulatedSettlement } from './settlement.ts';
import { createChangeNowSimulator } from './simulator.ts';

const KEY = 'sim-key';
const settlement: SimulatedSettlement = { depositAt: async () => 0n, pay: async () => '0xhash' };
const simulator = (options: Partial<Parameters<typeof createChangeNowSimulator>[0]> = {}) =>
  createChangeNowSimulator({ apiKey: KEY, settlement, clock: () => new Date('2025-01-01T00:00:00Z'), stepDelayMs: 0, ...options });

/** The simulator mounted under /cn, called in-process. */
const call = (app: Hono, path: string, init: RequestInit = {}, key: string | null = KEY) => {
  const root = new Hono().route('/cn', app);
  const headers = new Headers(init.headers);
  if (key !== null) headers.set('x-changenow-api-key', key);
  return root.request(`/cn${path}`, { ...init, headers });
};

const pair = 'fromCurrency=eth&fromNetwork=eth&toCurrency=usdt&toNetwork=eth';

afterEach(() => {
  vi.useRealTimers();
});

describe('ChangeNOW simulator wire', () => {
  it('requires the api key', async () => {
    const { app } = simulator();
    for (const key of [null, 'other']) {
      const response = await call(app, `/v2/exchange/min-amount?${pair}`, {}, key);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'unauthorized', message: 'Invalid api key' });
    }
  });

  it('answers ChangeNOW-shaped errors for bad params', async () => {
    const { app } = simulator();
    const missing = await call(app, '/v2/exchange/min-amount?fromCurrency=eth');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'not_valid_params', message: 'toCurrency is required' });
    const unsupported = await call(app, '/v2/exchange/min-amount?fromCurrency=eth&toCurrency=t');
    expect(await unsupported.json()).toEqual({ error: 'not_valid_params', message: 'Currency t is not supported' });
    const same = await call(app, '/v2/exchange/min-amount?fromCurrency=eth&toCurrency=eth');
    expect(await same.json()).toMatchObject({ error: 'pair_is_inactive' });
    const badAmount = await call(app, `/v2/exchange/estimated-amount?${pair}&fromAmount=1e5`);
    expect(await badAmount.json()).toEqual({ error: 'not_valid_params', message: 'fromAmount is not valid' });
    const unknown = await call(app, '/v2/exchange/by-id?id=nope');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'not_found', message: 'Exchange not found' });
    const garbled = await call(app, '/v2/exchange', { method: 'POST', body: '{' });
    expect(await garbled.json()).toEqual({ error: 'not_valid_params', message: 'body is not valid JSON' });
  });

  it('writes amounts as exact JSON number literals', async () => {
    const { app } = simulator();
    const response = await call(app, `/v2/exchange/estimated-amount?${pair}&fromAmount=1&flow=fixed-rate&useRateId=true`);
    const text = await response.text();
    expect(text).toContain('"fromAmount":1,');
    expect(text).toContain('"toAmount":3089.3445,');
    expect(text).toMatch(/"rateId":"[A-Za-z0-9_-]+","validUntil":"2025-01-01T00:01:00.000Z"/);
  });

  it('refuses a fromAmount finer than the currency moves', async () => {
    const { app } = simulator();
    const body = JSON.stringify({ fromCurrency: 'usdt', fromNetwork: 'eth', toCurrency: 'eth', toNetwork: 'eth', fromAmount: '10.0000001', address: `0x${'1'.repeat(40)}`, flow: 'standard' });
    const response = await call(app, '/v2/exchange', { method: 'POST', body });
    expect(await response.json()).toEqual({ error: 'not_valid_params', message: 'fromAmount has more than 6 decimals' });
  });

  it('slows requests down and fails the next ones on request, sparing the control routes', async () => {
    const sim = simulator();
    sim.control.failNextRequests(1, 500);
    expect((await call(sim.app, '/sandbox-control/exchanges')).status).toBe(200);
    expect((await call(sim.app, `/v2/exchange/min-amount?${pair}`)).status).toBe(500);
    expect((await call(sim.app, `/v2/exchange/min-amount?${pair}`)).status).toBe(200);
    const delayed = await call(sim.app, '/sandbox-control/request-delay', { method: 'POST', body: '{"ms":30}' });
    expect(await delayed.json()).toEqual({ failNext: 0, failStatus: 500, delayMs: 30 });
    const started = Date.now();
    await call(sim.app, `/v2/exchange/min-amount?${pair}`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect((await call(sim.app, '/sandbox-control/force-outcome', { method: 'POST', body: '{"outcome":"lost"}' })).status).toBe(400);
  });

  it('ticks on a timer between start() and stop()', async () => {
    vi.useFakeTimers();
    let deposited = 0n;
    const sim = simulator({ tickIntervalMs: 100, settlement: { depositAt: async () => deposited, pay: async () => '0xpaid' } });
    const created = await call(sim.app, '/v2/exchange', {
      method: 'POST',
      body: JSON.stringify({ fromCurrency: 'usdt', fromNetwork: 'eth', toCurrency: 'eth', toNetwork: 'eth', fromAmount: 10, address: `0x${'1'.repeat(40)}` }),
    });
    const { id } = (await created.json()) as { id: string };
    sim.start();
    await vi.advanceTimersByTimeAsync(250);
    sim.stop();
    expect(sim.exchange(id)?.status).toBe('waiting');
    deposited = 10_000_000n;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sim.exchange(id)?.status).toBe('waiting'); // stopped: nothing moves
    sim.start();
    await vi.advanceTimersByTimeAsync(150);
    sim.stop();
    expect(sim.exchange(id)).toMatchObject({ status: 'finished', payoutHash: '0xpaid' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import * as v from 'valibot';
import type { HttpEnv } from '@paygate/http';
import * as readApi from '@paygate/read-api';
import { call, createDashboardAuthHarness, dashboardReadApi, OPERATOR_KEY, type DashboardAuthHarness, type Reply } from './dashboard-auth-harness.ts';
import { A, AUDITOR, B, leaksOfB, OWNER_A, seedTwoOwners } from './owner-isolation-scenario.ts';
import { startReadSide, type ReadSideHarness } from './read-side-harness.ts';

// Invariant 7, BOLA: owner A walks every read endpoint with owner B's ids and filters, and gets
// 404 or nothing — the same answer as for an id that does not exist — never B's data.

const REVENUE = '/api/v1/revenue?interval=month&from=2025-12-01&to=2026-03-01';

/** Every authenticated GET, as owner A aims it at B (`{id}` routes take B's id), with the status A must get. */
const BOLA_WALK: readonly { template: string; path: string; status: number }[] = [
  { template: '/api/v1/me', path: '/api/v1/me', status: 200 },
  { template: '/api/v1/invoices/{id}', path: `/api/v1/invoices/${B.invoice}`, status: 404 },
  { template: '/api/v1/payments/{id}', path: `/api/v1/payments/${B.payment}`, status: 404 },
  { template: '/api/v1/payments/{id}/events', path: `/api/v1/payments/${B.payment}/events`, status: 403 },
  { template: '/api/v1/payouts/{id}', path: `/api/v1/payouts/${B.payout}`, status: 404 },
  { template: '/api/v1/channels/{id}', path: `/api/v1/channels/${B.channel}`, status: 404 },
  ...[
    ['/api/v1/payments', ['', `?channel=${B.channel}`, `?invoice=${B.invoice}`, '?status=finished']],
    ['/api/v1/payouts', ['', `?channel=${B.channel}`, `?owner=${B.owner}`]],
    ['/api/v1/balances', ['', `?owner=${B.owner}`]],
    ['/api/v1/channels', ['', '?limit=100']],
    ['/api/v1/subscribers', ['', `?channel=${B.channel}`, '?status=active']],
    ['/api/v1/revenue', [REVENUE.slice('/api/v1/revenue'.length), `${REVENUE.slice('/api/v1/revenue'.length)}&channel=${B.channel}`]],
    ['/api/v1/payments.csv', ['', `?channel=${B.channel}`]],
    ['/api/v1/payouts.csv', ['', `?channel=${B.channel}`]],
    ['/api/v1/sessions', ['', `?owner=${B.owner}`]],
  ].flatMap(([template, queries]) => (queries as string[]).map((query) => ({ template: template as string, path: `${template as string}${query}`, status: 200 }))),
];

// The response schemas the OpenAPI document is generated from, once @paygate/read-api exports them.
const responseSchemas = (readApi as unknown as { responseSchemas?: Record<string, v.GenericSchema> }).responseSchemas;

/** A problem body without its random errorId, and with the asked-for id replaced: what a caller learns. */
const shapeOf = (reply: Reply, id: string) => {
  const { errorId: _errorId, ...rest } = reply.body as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest).replaceAll(id, '<id>')) as unknown;
};

const expectNoneOfB = (reply: Reply, path: string) => {
  const { errorId: _errorId, ...shown } = (reply.body ?? {}) as Record<string, unknown>;
  expect(leaksOfB(reply.body === undefined ? reply.text : JSON.stringify(shown), path), `${path} shows B's data`).toEqual([]);
};

describe('owner isolation (BOLA walk over every read endpoint, live projections)', () => {
  let harness: ReadSideHarness;
  let dashboard: DashboardAuthHarness;
  let api: Hono<HttpEnv>;
  let ownerA: string;
  let auditor: string;

  beforeAll(async () => {
    harness = await startReadSide('paygate_owner_isolation');
    await seedTwoOwners(harness.commands);
    await harness.settle();
    dashboard = await createDashboardAuthHarness(harness.eventStore, { auditors: [AUDITOR] });
    api = dashboardReadApi(harness, dashboard);
    ownerA = (await dashboard.login(OWNER_A)).accessToken;
    auditor = (await dashboard.login(AUDITOR, 'auditor')).accessToken;
    await dashboard.login(B.owner);
    await harness.settle();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('walks every authenticated GET the API serves and documents (a new endpoint cannot skip the walk)', async () => {
    const walked = new Set(BOLA_WALK.map((step) => step.template));
    const served = api.routes.filter((route) => route.method === 'GET' && route.path.startsWith('/api/v1/')).map((route) => route.path.replaceAll(/:(\w+)/g, '{$1}'));
    const document = (await call(api, '/api/v1/openapi.json')).body as { paths: Record<string, Record<string, { security: unknown[] }>> };
    const documented = Object.entries(document.paths).flatMap(([path, item]) => (item.get && item.get.security.length > 0 ? [path] : []));
    const publicReads = ['/api/v1/openapi.json', '/api/v1/auth/jwks.json'];
    expect(documented.length).toBeGreaterThanOrEqual(14);
    for (const path of [...served, ...documented]) if (!publicReads.includes(path)) expect(walked, `${path} is not in the BOLA walk`).toContain(path);
    for (const path of walked) expect(documented, `${path} is walked but not documented`).toContain(path);
  });

  // By bearer token and by the dashboard's access cookie: both name the same caller.
  const viaBoth = BOLA_WALK.flatMap((step) => (['bearer', 'cookie'] as const).map((via) => ({ ...step, via })));
  it.each(viaBoth)("owner A ($via) → GET $path: $status, none of B's data", async ({ path, status, via }) => {
    const reply = await call(api, path, via === 'bearer' ? { token: ownerA } : { headers: { cookie: `__Host-paygate-access=${ownerA}` } });
    expect(reply.status, path).toBe(status);
    expectNoneOfB(reply, path);
  });

  it("leaks no count of B's either: B's channel filter gives zero subscribers and no revenue, B's owner filter no balances", async () => {
    expect((await call(api, `${REVENUE}&channel=${B.channel}`, { token: ownerA })).body).toMatchObject({ activeSubscribers: 0, points: [] });
    expect((await call(api, REVENUE, { token: ownerA })).body.activeSubscribers).toBe(1);
    expect((await call(api, REVENUE, { token: OPERATOR_KEY })).body.activeSubscribers).toBe(2);
    expect((await call(api, `/api/v1/balances?owner=${B.owner}`, { token: ownerA })).body).toEqual({ items: [], channels: [] });
    for (const path of [`/api/v1/payments?channel=${B.channel}`, `/api/v1/payouts?owner=${B.owner}`, `/api/v1/subscribers?channel=${B.channel}`]) {
      expect((await call(api, path, { token: ownerA })).body, path).toMatchObject({ items: [], nextCursor: null });
    }
  });

  it("answers B's id exactly as an id that does not exist (the two are never told apart)", async () => {
    for (const [path, id] of [
      ['/api/v1/invoices/', B.invoice],
      ['/api/v1/payments/', B.payment],
      ['/api/v1/payouts/', B.payout],
      ['/api/v1/channels/', B.channel],
    ] as const) {
      const foreign = await call(api, `${path}${id}`, { token: ownerA });
      const missing = await call(api, `${path}no-such-${id}`, { token: ownerA });
      expect(foreign.status).toBe(404);
      expect(foreign.headers.get('content-type')).toContain('application/problem+json');
      expect(shapeOf(foreign, id)).toEqual(shapeOf(missing, `no-such-${id}`));
    }
  });

  it('shows owner A their own data, so the walk proves scoping and not emptiness', async () => {
    const get = async (path: string) => {
      const reply = await call(api, path, { token: ownerA });
      expect(reply.status, path).toBe(200);
      return reply;
    };
    expect((await get('/api/v1/me')).body).toEqual({ role: 'owner', ownerId: OWNER_A });
    expect((await get(`/api/v1/invoices/${A.invoice}`)).body).toMatchObject({ id: A.invoice, paid: true, payments: [{ id: A.payment, split: { ownerShare: { amount: A.ownerShare } } }] });
    expect((await get(`/api/v1/payments/${A.payment}`)).body).toMatchObject({ id: A.payment, split: { fee: { amount: A.fee } } });
    expect((await get(`/api/v1/payouts/${A.payout}`)).body).toMatchObject({ id: A.payout, ownerId: OWNER_A, amount: { amount: A.ownerShare } });
    expect((await get(`/api/v1/channels/${A.channel}`)).body).toMatchObject({ id: A.channel, ownerId: OWNER_A, title: A.title });
    const ids = async (path: string, key = 'id') => ((await get(path)).body.items as Record<string, unknown>[]).map((item) => item[key]).sort();
    expect(await ids('/api/v1/payments')).toEqual([A.payment, A.formulaPayment].sort());
    expect(await ids('/api/v1/payouts')).toEqual([A.payout]);
    expect(await ids('/api/v1/channels')).toEqual([A.channel]);
    expect(await ids('/api/v1/subscribers', 'subscriberId')).toEqual([A.subscriber]);
    const balances = (await get('/api/v1/balances')).body;
    expect(balances.items.map((b: Record<string, unknown>) => b.ownerId)).toEqual([OWNER_A]);
    expect(balances.channels.map((b: Record<string, unknown>) => b.channelId)).toEqual([A.channel]);
    expect((await get(REVENUE)).body.points).toMatchObject([{ periodStart: '2026-01-01T00:00:00.000Z', payments: 1, gross: { amount: A.outcome } }]);
    expect((await get('/api/v1/payments.csv')).text).toContain(A.payment);
    expect((await get('/api/v1/payouts.csv')).text).toContain(A.payout);
    expect(await ids('/api/v1/sessions', 'ownerId')).toEqual([OWNER_A]);
    expect((await call(api, `/api/v1/payments/${A.payment}/events`, { token: ownerA })).status).toBe(403);
  });

  it.skipIf(responseSchemas === undefined)('answers every JSON read with the response schema its OpenAPI operation names (skipped while @paygate/read-api does not export responseSchemas)', async () => {
    const document = (await call(api, '/api/v1/openapi.json')).body as { paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> } }> };
    const schemaOf = (template: string) => document.paths[template]?.get?.responses['200']?.content?.['application/json']?.schema.$ref.split('/').pop() ?? '';
    const own = [`/api/v1/invoices/${A.invoice}`, `/api/v1/payments/${A.payment}`, `/api/v1/payouts/${A.payout}`, `/api/v1/channels/${A.channel}`];
    const reads = [...own.map((path) => ({ path, template: path.replace(/\/[^/]+$/, '/{id}') })), ...BOLA_WALK.filter((step) => step.status === 200)];
    for (const token of [ownerA, auditor]) {
      for (const { path, template } of [...reads, { path: `/api/v1/payments/${A.payment}/events`, template: '/api/v1/payments/{id}/events' }]) {
        const reply = await call(api, path, { token });
        if (reply.body === undefined || reply.status === 403) continue;
        expect(reply.status, path).toBe(200);
        const result = v.safeParse(responseSchemas?.[schemaOf(template)] ?? v.never(), reply.body);
        expect(result.issues?.map((issue) => `${v.getDotPath(issue) ?? ''}: ${issue.message}`), `${path} as ${token === ownerA ? 'owner' : 'auditor'}`).toBeUndefined();
      }
    }
  });

  it('lets the operator key (admin) and an auditor read both owners', async () => {
    for (const token of [OPERATOR_KEY, auditor]) {
      for (const path of [`/api/v1/invoices/${B.invoice}`, `/api/v1/payments/${B.payment}`, `/api/v1/payouts/${B.payout}`, `/api/v1/channels/${B.channel}`, `/api/v1/payments/${B.payment}/events`]) {
        expect((await call(api, path, { token })).status, path).toBe(200);
      }
      for (const path of ['/api/v1/payments', '/api/v1/payouts', '/api/v1/channels', '/api/v1/subscribers', '/api/v1/balances', '/api/v1/payments.csv', '/api/v1/payouts.csv']) {
        const { text } = await call(api, path, { token });
        expect(text, path).toContain('alpha');
        expect(text, path).toContain('bravo');
      }
      const sessions = (await call(api, '/api/v1/sessions', { token })).body.items.map((session: { ownerId: string }) => session.ownerId);
      expect(sessions).toEqual(expect.arrayContaining([OWNER_A, B.owner]));
      const revenue = (await call(api, REVENUE, { token })).body;
      expect(revenue.points).toMatchObject([{ payments: 2 }]);
    }
    const trail = (await call(api, `/api/v1/payments/${B.payment}/events`, { token: auditor })).body;
    expect(trail.events.map((event: { type: string }) => event.type)).toContain('SplitCalculated');
  });
});

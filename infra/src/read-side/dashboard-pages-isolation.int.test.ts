import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { HttpEnv } from '@paygate/http';
import { createDashboard, DASHBOARD_LOGIN_PATH } from '@paygate/read-api';
import { createPaymentTrailReader } from '../dashboard/index.ts';
import { createLogger } from '../logging/index.ts';
import { call, createDashboardAuthHarness } from './dashboard-auth-harness.ts';
import { A, AUDITOR, B, leaksOfB, OWNER_A, seedTwoOwners } from './owner-isolation-scenario.ts';
import { LIVE_SCHEMA, startReadSide, type ReadSideHarness } from './read-side-harness.ts';

// Invariant 7 on the other read surface: the /dashboard pages, signed in by cookie as owner A,
// with B's ids and filters. Every page of the session is walked; a new one cannot skip it.

const OVERVIEW = '/dashboard?interval=month&from=2025-12-01&to=2026-03-01';
const PAGES_WALK: readonly { template: string; path: string; status: number }[] = [
  { template: '/dashboard', path: OVERVIEW, status: 200 },
  { template: '/dashboard/channels', path: '/dashboard/channels', status: 200 },
  { template: '/dashboard/subscribers', path: '/dashboard/subscribers', status: 200 },
  { template: '/dashboard/subscribers', path: `/dashboard/subscribers?channel=${B.channel}`, status: 200 },
  { template: '/dashboard/payments', path: '/dashboard/payments', status: 200 },
  { template: '/dashboard/payments', path: `/dashboard/payments?channel=${B.channel}`, status: 200 },
  { template: '/dashboard/payments', path: `/dashboard/payments?invoice=${B.invoice}`, status: 200 },
  { template: '/dashboard/payments/{id}', path: `/dashboard/payments/${B.payment}`, status: 403 },
  { template: '/dashboard/payouts', path: '/dashboard/payouts', status: 200 },
  { template: '/dashboard/payouts', path: `/dashboard/payouts?channel=${B.channel}`, status: 200 },
];
/** Pages before a session: the login forms and the widget's redirect. */
const SIGNED_OUT = [DASHBOARD_LOGIN_PATH, '/dashboard/auth/telegram'];
const CSRF = 'c'.repeat(43);

describe('owner isolation on the dashboard pages (cookie session, live projections)', () => {
  let harness: ReadSideHarness;
  let pages: Hono<HttpEnv>;
  let cookieOf: (ownerId: string, role?: 'owner' | 'auditor') => Promise<string>;

  beforeAll(async () => {
    harness = await startReadSide('paygate_pages_isolation');
    await seedTwoOwners(harness.commands);
    await harness.settle();
    const dashboard = await createDashboardAuthHarness(harness.eventStore, { auditors: [AUDITOR] });
    const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
    pages = createDashboard({ db: harness.db, schema: LIVE_SCHEMA, auth: dashboard.auth, logger, readTrail: createPaymentTrailReader(harness.eventStore), origin: 'https://paygate.test' });
    cookieOf = async (ownerId, role = 'owner') => `__Host-paygate-access=${(await dashboard.login(ownerId, role)).accessToken}; __Host-paygate-csrf=${CSRF}`;
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('walks every page GET of a session', () => {
    const walked = new Set(PAGES_WALK.map((step) => step.template));
    const served = pages.routes
      .filter((route) => route.method === 'GET' && (route.path === '/dashboard' || route.path.startsWith('/dashboard/')))
      .map((route) => route.path.replaceAll(/:(\w+)/g, '{$1}'))
      .filter((path) => !SIGNED_OUT.includes(path) && !path.endsWith('.css'));
    expect(served.length).toBeGreaterThanOrEqual(6);
    for (const path of served) expect(walked, `${path} is not in the pages walk`).toContain(path);
  });

  it.each(PAGES_WALK)("owner A → GET $path: $status, none of B's data", async ({ path, status }) => {
    const reply = await call(pages, path, { headers: { cookie: await cookieOf(OWNER_A) } });
    expect(reply.status, path).toBe(status);
    expect(reply.headers.get('content-type')).toContain('text/html');
    expect(leaksOfB(reply.text, path), `${path} shows B's data`).toEqual([]);
  });

  it("shows A their own channel, payment and payout, and an auditor both owners' and B's trail", async () => {
    const asOwner = { headers: { cookie: await cookieOf(OWNER_A) } };
    expect((await call(pages, '/dashboard/channels', asOwner)).text).toContain(A.title);
    expect((await call(pages, '/dashboard/payments', asOwner)).text).toContain(A.payment);
    expect((await call(pages, '/dashboard/payouts', asOwner)).text).toContain(A.payout);
    expect((await call(pages, OVERVIEW, asOwner)).text).toContain(A.payment);
    const asAuditor = { headers: { cookie: await cookieOf(AUDITOR, 'auditor') } };
    const channels = (await call(pages, '/dashboard/channels', asAuditor)).text;
    expect([channels.includes(A.title), channels.includes(B.title)]).toEqual([true, true]);
    const trail = await call(pages, `/dashboard/payments/${B.payment}`, asAuditor);
    expect(trail.status).toBe(200);
    expect(trail.text).toContain('SplitCalculated');
  });
});

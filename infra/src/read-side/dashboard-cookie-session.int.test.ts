import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { HttpEnv } from '@paygate/http';
import { createDashboard } from '@paygate/read-api';
import { call, createDashboardAuthHarness, dashboardReadApi, type DashboardAuthHarness, type Reply } from './dashboard-auth-harness.ts';
import { LIVE_SCHEMA, startReadSide, type ReadSideHarness } from './read-side-harness.ts';

// A browser that refreshes and logs out through the API with its cookies (the documented
// alternative to a JSON body): it keeps whatever cookies the answers set, as a browser does.

const OWNER = '5000000131';
const CSRF = 'c'.repeat(43);

/** A browser's cookie jar for one origin: Set-Cookie replaces a cookie, Max-Age=0 removes it. */
const cookieJar = (initial: Record<string, string>) => {
  const cookies = new Map(Object.entries(initial));
  return {
    get: (name: string) => cookies.get(name),
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    keep: (reply: Reply) => {
      for (const line of reply.headers.getSetCookie()) {
        const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
        const [name = '', value = ''] = pair.split(/=(.*)/s);
        if (attributes.some((attribute) => /^max-age=0$/i.test(attribute)) || value === '') cookies.delete(name);
        else cookies.set(name, value);
      }
    },
  };
};

describe('a browser session through the API cookies (real sessions, PostgreSQL event store)', () => {
  let harness: ReadSideHarness;
  let dashboard: DashboardAuthHarness;
  let api: Hono<HttpEnv>;

  beforeAll(async () => {
    harness = await startReadSide('paygate_cookie_session');
    dashboard = await createDashboardAuthHarness(harness.eventStore);
    api = dashboardReadApi(harness, dashboard);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('rotates the refresh cookie on a cookie refresh, so the next refresh is not taken for a reuse that ends the session', async () => {
    const session = await dashboard.login(OWNER);
    const jar = cookieJar({ '__Host-paygate-refresh': session.refreshToken, '__Host-paygate-csrf': CSRF });
    const refresh = async () => {
      const reply = await call(api, '/api/v1/auth/refresh', { method: 'POST', headers: { cookie: jar.header(), 'x-csrf-token': CSRF } });
      jar.keep(reply);
      return reply;
    };
    expect((await refresh()).status).toBe(200);
    expect(jar.get('__Host-paygate-refresh')).not.toBe(session.refreshToken);
    expect(jar.get('__Host-paygate-access')).toEqual(expect.any(String));
    expect((await refresh()).status).toBe(200);
  });

  it('clears the cookies on a cookie logout', async () => {
    const session = await dashboard.login(OWNER);
    const jar = cookieJar({ '__Host-paygate-refresh': session.refreshToken, '__Host-paygate-csrf': CSRF, '__Host-paygate-access': session.accessToken });
    const reply = await call(api, '/api/v1/auth/logout', { method: 'POST', headers: { cookie: jar.header(), 'x-csrf-token': CSRF } });
    expect(reply.status).toBe(204);
    jar.keep(reply);
    expect([jar.get('__Host-paygate-refresh'), jar.get('__Host-paygate-access')]).toEqual([undefined, undefined]);
  });

  it('a page open longer than its access token: the pages refresh the session and keep the CSRF token, so its forms still post (filters blank, log out)', async () => {
    const session = await dashboard.login(OWNER);
    const logger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, child: () => logger };
    const pages = createDashboard({ db: harness.db, schema: LIVE_SCHEMA, auth: dashboard.auth, logger, origin: 'https://paygate.test' }) as unknown as Hono<HttpEnv>;
    // The access cookie has expired (the browser dropped it); the refresh and CSRF cookies remain.
    const jar = cookieJar({ '__Host-paygate-refresh': session.refreshToken, '__Host-paygate-csrf': CSRF });
    const page = await call(pages, '/dashboard/payments?channel=&invoice=&status=', { headers: { cookie: jar.header() } });
    expect(page.status).toBe(200);
    jar.keep(page);
    expect(jar.get('__Host-paygate-refresh')).not.toBe(session.refreshToken);
    expect(jar.get('__Host-paygate-csrf')).toBe(CSRF);
    const logout = await pages.request('/dashboard/logout', {
      method: 'POST',
      headers: { cookie: jar.header(), origin: 'https://paygate.test', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: CSRF }).toString(),
    });
    expect(logout.status).toBe(303);
    expect(logout.headers.get('location')).toBe('/dashboard/login');
  });
});

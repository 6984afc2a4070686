import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { HttpEnv } from '@paygate/http';
import { call, createDashboardAuthHarness, dashboardReadApi, OPERATOR_KEY, signWidget, TEST_BOT_TOKEN, type DashboardAuthHarness } from './dashboard-auth-harness.ts';
import { startReadSide, type ReadSideHarness } from './read-side-harness.ts';

// The login, refresh and key endpoints over real sessions (events in PostgreSQL), as a browser or
// an API client would call them; and CORS for the dashboard's origin only.

const OWNER = '5000000121';
const AUDITOR = '5000000129';
const ADMIN = '5000000128';
const ORIGIN = 'https://dash.example';
const CSRF = 'c'.repeat(43);

const widget = (id: string, authDate = Math.floor(Date.now() / 1000)) =>
  signWidget({ id, first_name: 'Olga', username: 'olga_owner', auth_date: String(authDate) });
const cookies = (refreshToken: string) => `__Host-paygate-refresh=${refreshToken}; __Host-paygate-csrf=${CSRF}`;

describe('dashboard login endpoints (real sessions, PostgreSQL event store)', () => {
  let harness: ReadSideHarness;
  let dashboard: DashboardAuthHarness;
  let api: Hono<HttpEnv>;

  const eventCount = async (): Promise<number> => (await harness.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM paygate_events')).rows[0]?.n ?? -1;
  const login = (fields: unknown) => call(api, '/api/v1/auth/telegram', { method: 'POST', json: fields });
  const refresh = (refreshToken: string) => call(api, '/api/v1/auth/refresh', { method: 'POST', json: { refreshToken } });
  const me = async (token: string) => (await call(api, '/api/v1/me', { token })).body as unknown;

  beforeAll(async () => {
    harness = await startReadSide('paygate_dashboard_auth');
    dashboard = await createDashboardAuthHarness(harness.eventStore, { admins: [ADMIN], auditors: [AUDITOR] });
    api = dashboardReadApi(harness, dashboard, [ORIGIN]);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('logs an owner in with signed widget fields: a 15-minute access token and a refresh token, as events', async () => {
    const before = await eventCount();
    const reply = await login(widget(OWNER));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      refreshToken: expect.stringMatching(/^[\w-]+\.[\w-]+$/),
      expiresIn: 900,
      refreshExpiresAt: expect.any(String),
      tokenType: 'Bearer',
    });
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(await eventCount()).toBeGreaterThan(before);
    expect(await me(reply.body.accessToken)).toEqual({ role: 'owner', ownerId: OWNER });
  });

  it('accepts JSON numbers for id and auth_date, as the widget callback carries them', async () => {
    const fields = widget(OWNER);
    const reply = await login({ ...fields, id: Number(fields.id), auth_date: Number(fields.auth_date) });
    expect(reply.status).toBe(200);
  });

  it('refuses a bad hash, another bot token, a changed field and an auth_date older than 24 h: 401, and nothing is appended', async () => {
    const before = await eventCount();
    const signed = widget(OWNER);
    const cases: [string, Record<string, string>][] = [
      ['bad hash', { ...signed, hash: signed.hash?.replace(/^./, (c) => (c === '0' ? '1' : '0')) ?? '' }],
      ['another bot', signWidget({ id: OWNER, first_name: 'Olga', auth_date: signed.auth_date ?? '' }, `${TEST_BOT_TOKEN}x`)],
      ['another user, same hash', { ...signed, id: '5000000122' }],
      ['stale', widget(OWNER, Math.floor(Date.now() / 1000) - 24 * 3600 - 120)],
    ];
    for (const [why, fields] of cases) {
      const reply = await login(fields);
      expect(reply.status, why).toBe(401);
      expect(reply.body, why).toMatchObject({ type: 'urn:paygate:problem:unauthorized' });
      expect(reply.body.accessToken, why).toBeUndefined();
    }
    expect((await login({ id: OWNER })).status).toBe(400);
    expect(await eventCount()).toBe(before);
  });

  it('gives the role the configuration names: auditor and admin ids, everyone else owner', async () => {
    expect(await me((await login(widget(AUDITOR))).body.accessToken)).toEqual({ role: 'auditor', ownerId: AUDITOR });
    expect(await me((await login(widget(ADMIN))).body.accessToken)).toEqual({ role: 'admin', ownerId: ADMIN });
  });

  it('rotates the refresh token; reusing a spent one revokes the whole family, the new token included', async () => {
    const first = (await login(widget(OWNER))).body;
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(second.body.expiresIn).toBe(900);
    expect(await me(second.body.accessToken)).toEqual({ role: 'owner', ownerId: OWNER });
    expect((await refresh(first.refreshToken)).status).toBe(401);
    expect((await refresh(second.body.refreshToken)).status).toBe(401);
    dashboard.passSessionCache();
    expect((await call(api, '/api/v1/me', { token: second.body.accessToken })).status).toBe(401);
  });

  it('refreshes with the cookie only when the CSRF cookie is repeated in x-csrf-token', async () => {
    const { refreshToken } = (await login(widget(OWNER))).body;
    const refused = await call(api, '/api/v1/auth/refresh', { method: 'POST', headers: { cookie: cookies(refreshToken) } });
    expect(refused.status).toBe(403);
    const wrong = await call(api, '/api/v1/auth/refresh', { method: 'POST', headers: { cookie: cookies(refreshToken), 'x-csrf-token': 'd'.repeat(43) } });
    expect(wrong.status).toBe(403);
    const ok = await call(api, '/api/v1/auth/refresh', { method: 'POST', headers: { cookie: cookies(refreshToken), 'x-csrf-token': CSRF } });
    expect(ok.status).toBe(200);
    expect(ok.body.refreshToken).not.toBe(refreshToken);
  });

  it('refuses state changes made with cookies but no CSRF header, and logging the operator key out everywhere', async () => {
    const { accessToken, refreshToken } = (await login(widget(OWNER))).body;
    const withCookies = { cookie: `${cookies(refreshToken)}; __Host-paygate-access=${accessToken}` };
    expect((await call(api, '/api/v1/me', { headers: withCookies })).status).toBe(200);
    expect((await call(api, '/api/v1/auth/logout-everywhere', { method: 'POST', headers: withCookies })).status).toBe(403);
    expect((await call(api, '/api/v1/auth/logout', { method: 'POST', headers: withCookies })).status).toBe(403);
    expect((await call(api, '/api/v1/auth/logout-everywhere', { method: 'POST', token: OPERATOR_KEY })).status).toBe(403);
    expect((await refresh(refreshToken)).status).toBe(200);
  });

  it('publishes the kid of issued tokens in the JWKS, public parts only', async () => {
    const { accessToken } = (await login(widget(OWNER))).body;
    const kid = (JSON.parse(Buffer.from(accessToken.split('.')[0], 'base64url').toString('utf8')) as { kid: string }).kid;
    for (const path of ['/.well-known/jwks.json', '/api/v1/auth/jwks.json']) {
      const { status, body } = await call(api, path);
      expect(status).toBe(200);
      expect(body.keys).toEqual([{ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid, alg: 'EdDSA', use: 'sig' }]);
    }
  });

  it("answers a CORS preflight from the dashboard's origin with credentials, and nothing to another origin", async () => {
    const preflight = (origin: string) =>
      api.request('/api/v1/payments', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    const allowed = await preflight(ORIGIN);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const foreign = await preflight('https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const read = await api.request('/api/v1/openapi.json', { headers: { origin: 'https://evil.example' } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });
});

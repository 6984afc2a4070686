import { createHmac, createPrivateKey, randomUUID, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import type { HttpEnv } from '@paygate/http';
import { generateTokenKeyPair } from '@paygate/read-api';
import { call, createDashboardAuthHarness, dashboardReadApi, TOKEN_AUDIENCE, TOKEN_ISSUER, type DashboardAuthHarness, type Login } from './dashboard-auth-harness.ts';
import { startReadSide, type ReadSideHarness } from './read-side-harness.ts';

// Access-token rules at the HTTP level, over real sessions in PostgreSQL: every forged, stale or
// revoked token is a 401 with WWW-Authenticate, and says nothing of the token. Tokens are crafted
// with node:crypto, independently of the library the API verifies with.

const OWNER = '5000000111';
const OTHER = '5000000112';

type Jose = Record<string, unknown>;
const part = (value: Jose): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const decoded = (segment: string | undefined): Jose => JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8')) as Jose;
const signedEdDsa = (header: Jose, claims: Jose, privateKeyPem: string): string => {
  const input = `${part(header)}.${part(claims)}`;
  return `${input}.${sign(null, Buffer.from(input), createPrivateKey(privateKeyPem)).toString('base64url')}`;
};
const signedHs256 = (header: Jose, claims: Jose, secret: string | Buffer): string => {
  const input = `${part(header)}.${part(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};

describe('access-token rules over HTTP (real sessions, PostgreSQL event store)', () => {
  let harness: ReadSideHarness;
  let dashboard: DashboardAuthHarness;
  let api: Hono<HttpEnv>;
  let owner: Login;

  const expectRefused = async (token: string, why: string) => {
    const reply = await call(api, '/api/v1/me', { token });
    expect(reply.status, why).toBe(401);
    expect(reply.headers.get('www-authenticate'), why).toBe('Bearer realm="paygate"');
    expect(reply.headers.get('content-type'), why).toContain('application/problem+json');
    expect(reply.body, why).toMatchObject({ status: 401, type: 'urn:paygate:problem:unauthorized' });
    for (const segment of token.split('.').filter((piece) => piece.length > 8)) expect(reply.text, why).not.toContain(segment);
  };
  const claims = (overrides: Jose = {}): Jose => {
    const now = Math.floor(Date.now() / 1000);
    return { iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, sub: OWNER, jti: randomUUID(), iat: now, nbf: now, exp: now + 600, role: 'owner', sid: owner.familyId, ...overrides };
  };
  const header = (overrides: Jose = {}): Jose => ({ alg: 'EdDSA', kid: dashboard.kid, typ: 'at+jwt', ...overrides });

  beforeAll(async () => {
    harness = await startReadSide('paygate_token_rules');
    dashboard = await createDashboardAuthHarness(harness.eventStore);
    api = dashboardReadApi(harness, dashboard);
    owner = await dashboard.login(OWNER);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('accepts the real token and a hand-signed one with the real key (so the refusals below are for their stated reason)', async () => {
    expect((await call(api, '/api/v1/me', { token: owner.accessToken })).body).toEqual({ role: 'owner', ownerId: OWNER });
    const crafted = signedEdDsa(header(), claims(), dashboard.pems.privateKeyPem);
    expect((await call(api, '/api/v1/me', { token: crafted })).body).toEqual({ role: 'owner', ownerId: OWNER });
  });

  it('refuses expired and not-yet-valid tokens (beyond the 30 s tolerance)', async () => {
    const at = (offsetMs: number) => dashboard.tokensWith({ now: () => new Date(Date.now() + offsetMs) });
    const request = { subject: OWNER, role: 'owner', sessionId: owner.familyId } as const;
    await expectRefused((await at(-16 * 60_000).issueAccessToken(request)).token, 'expired');
    await expectRefused((await at(5 * 60_000).issueAccessToken(request)).token, 'not yet valid');
  });

  it('refuses a token for another audience or from another issuer', async () => {
    const request = { subject: OWNER, role: 'owner', sessionId: owner.familyId } as const;
    await expectRefused((await dashboard.tokensWith({ audience: 'https://other.example/api/v1' }).issueAccessToken(request)).token, 'audience');
    await expectRefused((await dashboard.tokensWith({ issuer: 'https://evil.example' }).issueAccessToken(request)).token, 'issuer');
  });

  it('refuses alg none and HS256 keyed with the public key (algorithm confusion)', async () => {
    await expectRefused(`${part(header({ alg: 'none' }))}.${part(claims())}.`, 'alg none, empty signature');
    await expectRefused(`${part(header({ alg: 'none' }))}.${part(claims())}.AAAA`, 'alg none with a signature');
    const hs256 = header({ alg: 'HS256' });
    await expectRefused(signedHs256(hs256, claims(), dashboard.pems.publicKeyPem), 'HS256 keyed with the public PEM');
    const raw = Buffer.from((await dashboard.auth.accessTokens.jwks()).keys[0]?.x ?? '', 'base64url');
    expect(raw).toHaveLength(32);
    await expectRefused(signedHs256(hs256, claims(), raw), 'HS256 keyed with the raw public key');
  });

  it('refuses a tampered payload: another owner, or a raised role', async () => {
    const [head, payload, signature] = owner.accessToken.split('.');
    for (const change of [{ sub: OTHER }, { role: 'admin' }, { role: 'auditor' }]) {
      await expectRefused(`${head}.${part({ ...decoded(payload), ...change })}.${signature}`, JSON.stringify(change));
    }
  });

  it('refuses an unknown kid, no kid, the right kid with another key, a missing claim and a foreign typ', async () => {
    const stranger = generateTokenKeyPair();
    await expectRefused(signedEdDsa(header({ kid: 'unknown-kid' }), claims(), stranger.privateKeyPem), 'unknown kid');
    const { kid: _kid, ...withoutKid } = header();
    await expectRefused(signedEdDsa(withoutKid, claims(), dashboard.pems.privateKeyPem), 'no kid');
    await expectRefused(signedEdDsa(header(), claims(), stranger.privateKeyPem), 'right kid, other key');
    const { jti: _jti, ...withoutJti } = claims();
    await expectRefused(signedEdDsa(header(), withoutJti, dashboard.pems.privateKeyPem), 'no jti');
    await expectRefused(signedEdDsa(header({ typ: 'JWT' }), claims(), dashboard.pems.privateKeyPem), 'typ JWT');
  });

  it('refuses a validly signed token whose session never existed', async () => {
    await expectRefused(signedEdDsa(header(), claims({ sid: randomUUID() }), dashboard.pems.privateKeyPem), 'unknown session');
  });

  it('refuses the access token of a session that logged out (once the 5 s "active" cache has passed)', async () => {
    const session = await dashboard.login(OWNER);
    expect((await call(api, '/api/v1/me', { token: session.accessToken })).status).toBe(200);
    expect((await call(api, '/api/v1/auth/logout', { method: 'POST', json: { refreshToken: session.refreshToken } })).status).toBe(204);
    dashboard.passSessionCache();
    await expectRefused(session.accessToken, 'logged out');
    const refreshed = await call(api, '/api/v1/auth/refresh', { method: 'POST', json: { refreshToken: session.refreshToken } });
    expect(refreshed.status).toBe(401);
    expect((await call(api, '/api/v1/me', { token: owner.accessToken })).status).toBe(200);
  });

  it("refuses every token of an owner who logged out everywhere, and no one else's", async () => {
    const [first, second] = [await dashboard.login(OTHER), await dashboard.login(OTHER)];
    for (const session of [first, second]) expect((await call(api, '/api/v1/me', { token: session.accessToken })).status).toBe(200);
    const everywhere = await call(api, '/api/v1/auth/logout-everywhere', { method: 'POST', token: first.accessToken });
    expect([everywhere.status, everywhere.body]).toEqual([200, { revoked: 2 }]);
    dashboard.passSessionCache();
    await expectRefused(first.accessToken, 'first device');
    await expectRefused(second.accessToken, 'second device');
    expect((await call(api, '/api/v1/auth/refresh', { method: 'POST', json: { refreshToken: second.refreshToken } })).status).toBe(401);
    expect((await call(api, '/api/v1/me', { token: owner.accessToken })).status).toBe(200);
  });
});

import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { HttpLogger } from '@paygate/http';
import { createReadApi } from '../api/create-read-api.ts';
import { createAccessTokens, generateTokenKeyPair, loadTokenKeyRing, type DashboardAuth, type SessionPort } from '../auth/index.ts';
import { JwksOutSchema, LogoutEverywhereOutSchema, MeOutSchema, ProblemOutSchema, TokenPairOutSchema } from './response-schemas.ts';

// The answers that need no read model, taken from the real routes: login exchange, caller, keys, errors.

const logger: HttpLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, child: () => logger };
const { privateKeyPem, publicKeyPem } = generateTokenKeyPair();
const keyRing = await loadTokenKeyRing({ signing: { kid: 'k1', privateKeyPem }, verification: [{ kid: 'k1', publicKeyPem }] });
const grant = { familyId: 'family-1', refreshToken: 'family-1.secret', refreshExpiresAt: '2026-04-01T00:00:00.000Z', ownerId: '2001', role: 'owner' as const };
const sessions: SessionPort = {
  startSession: async () => grant,
  redeemLoginLink: async () => ({ ownerId: '2001' }),
  refresh: async () => grant,
  logout: async () => {},
  logoutEverywhere: async () => ({ revoked: 3 }),
  isSessionActive: async () => true,
};
const auth: DashboardAuth = {
  accessTokens: createAccessTokens({ keyRing, issuer: 'https://paygate.test', audience: 'paygate-dashboard' }),
  sessions,
  sessionActive: async () => true,
  roles: { admins: new Set(), auditors: new Set() },
  verifyTelegramLogin: undefined,
};
const app = createReadApi({ db: {} as never, schema: 'read_models', operatorKey: 'k'.repeat(40), auth, logger });

const json = async (response: Response, status: number): Promise<unknown> => {
  expect(response.status).toBe(status);
  return response.json();
};
const matches = (schema: v.GenericSchema, body: unknown) => expect(v.safeParse(schema, body).issues).toBeUndefined();

describe('live answers match their response schemas', () => {
  it('refresh, me, log out everywhere and the keys', async () => {
    const refreshed = await json(await app.request('/api/v1/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: grant.refreshToken }) }), 200);
    matches(TokenPairOutSchema, refreshed);
    const bearer = { authorization: `Bearer ${(refreshed as { accessToken: string }).accessToken}` };
    matches(MeOutSchema, await json(await app.request('/api/v1/me', { headers: bearer }), 200));
    matches(MeOutSchema, await json(await app.request('/api/v1/me', { headers: { authorization: `Bearer ${'k'.repeat(40)}` } }), 200));
    matches(LogoutEverywhereOutSchema, await json(await app.request('/api/v1/auth/logout-everywhere', { method: 'POST', headers: bearer }), 200));
    matches(JwksOutSchema, await json(await app.request('/.well-known/jwks.json'), 200));
  });

  it('errors are problem details', async () => {
    matches(ProblemOutSchema, await json(await app.request('/api/v1/me'), 401));
    const bearer = { authorization: `Bearer ${'k'.repeat(40)}` };
    matches(ProblemOutSchema, await json(await app.request('/api/v1/payments?limit=0', { headers: bearer }), 400));
    matches(ProblemOutSchema, await json(await app.request('/api/v1/payments/bad%20id', { headers: bearer }), 400));
  });
});

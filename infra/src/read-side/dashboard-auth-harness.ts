import { createHash, createHmac } from 'node:crypto';
import type { Hono } from 'hono';
import { createSessionService, type SessionService } from '@paygate/commands';
import type { EventStore } from '@paygate/domain';
import type { HttpEnv } from '@paygate/http';
import {
  createAccessTokens,
  createReadApi,
  createSessionCheck,
  createTelegramLoginVerifier,
  generateTokenKeyPair,
  keyIdOf,
  loadTokenKeyRing,
  type AccessTokenRole,
  type AccessTokens,
  type DashboardAuth,
  type TokenKeyPairPems,
} from '@paygate/read-api';
import { createPaymentTrailReader } from '../dashboard/index.ts';
import { createLogger } from '../logging/index.ts';
import { LIVE_SCHEMA, type ReadSideHarness } from './read-side-harness.ts';

// Dashboard logins over the harness's real event store, built as infra's dashboard setup builds them.

export const OPERATOR_KEY = 'operator-key-0123456789abcdef';
export const TEST_BOT_TOKEN = '7000000000:AAFdashboard-test-bot-token';
export const TOKEN_ISSUER = 'https://paygate.test';
export const TOKEN_AUDIENCE = `${TOKEN_ISSUER}/api/v1`;
const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export type Login = { accessToken: string; refreshToken: string; familyId: string };

export type DashboardAuthHarness = {
  auth: DashboardAuth;
  sessions: SessionService;
  pems: TokenKeyPairPems;
  kid: string;
  /** Access tokens with the same key but another clock, issuer or audience (what a forger or a stale client holds). */
  tokensWith(overrides: { now?: () => Date; issuer?: string; audience?: string }): AccessTokens;
  /** A session started through the session service, with an access token for it. */
  login(ownerId: string, role?: AccessTokenRole): Promise<Login>;
  /** Moves the session check's clock past the 5 s it trusts an "active" answer, so a revocation shows at once. */
  passSessionCache(): void;
};

export type RolesConfig = { admins?: readonly string[]; auditors?: readonly string[] };

export const createDashboardAuthHarness = async (eventStore: EventStore, roles: RolesConfig = {}): Promise<DashboardAuthHarness> => {
  const pems = generateTokenKeyPair();
  const kid = await keyIdOf(pems.publicKeyPem);
  const keyRing = await loadTokenKeyRing({ signing: { kid, privateKeyPem: pems.privateKeyPem }, verification: [{ kid, publicKeyPem: pems.publicKeyPem }] });
  const tokensWith = (overrides: { now?: () => Date; issuer?: string; audience?: string }) =>
    createAccessTokens({ keyRing, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, ...overrides });
  const sessions = createSessionService({ eventStore, clock: () => new Date() });
  let skewMs = 0;
  const auth: DashboardAuth = {
    accessTokens: tokensWith({}),
    sessions,
    sessionActive: createSessionCheck(sessions, () => Date.now() + skewMs),
    roles: { admins: new Set(roles.admins ?? []), auditors: new Set(roles.auditors ?? []) },
    verifyTelegramLogin: createTelegramLoginVerifier({ botToken: TEST_BOT_TOKEN }),
  };
  return {
    auth,
    sessions,
    pems,
    kid,
    tokensWith,
    login: async (ownerId, role = 'owner') => {
      const grant = await sessions.startSession({ ownerId, role, method: 'bot_link' });
      const access = await auth.accessTokens.issueAccessToken({ subject: ownerId, role, sessionId: grant.familyId });
      return { accessToken: access.token, refreshToken: grant.refreshToken, familyId: grant.familyId };
    },
    passSessionCache: () => {
      skewMs += 5_001;
    },
  };
};

/** The read API as infra mounts it: operator key, dashboard logins, auditor trails. */
export const dashboardReadApi = (harness: ReadSideHarness, dashboard: DashboardAuthHarness, corsOrigins: readonly string[] = []): Hono<HttpEnv> =>
  createReadApi({ db: harness.db, schema: LIVE_SCHEMA, operatorKey: OPERATOR_KEY, auth: dashboard.auth, readTrail: createPaymentTrailReader(harness.eventStore), corsOrigins, logger });

/** Login Widget fields signed as Telegram signs them (HMAC-SHA256 keyed with SHA-256 of the bot token), written independently of the verifier. */
export const signWidget = (fields: Record<string, string>, botToken = TEST_BOT_TOKEN): Record<string, string> => {
  const checkString = Object.keys(fields)
    .sort()
    .map((name) => `${name}=${fields[name]}`)
    .join('\n');
  const hash = createHmac('sha256', createHash('sha256').update(botToken).digest()).update(checkString).digest('hex');
  return { ...fields, hash };
};

export type Reply = { status: number; headers: Headers; text: string; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies

/** One request; `token` is sent as the bearer, `json` as an application/json body. */
export const call = async (
  api: Hono<HttpEnv>,
  path: string,
  { token, method = 'GET', json, headers = {} }: { token?: string; method?: string; json?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> => {
  const response = await api.request(path, {
    method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  return { status: response.status, headers: response.headers, text, body: isJson && text !== '' ? JSON.parse(text) : undefined };
};

import * as v from 'valibot';
import { TOKEN_ALGORITHM } from '../auth/index.ts';
import { LOGIN_METHODS, SESSION_REVOKE_REASONS, SESSION_ROLES } from '@paygate/domain';
import { CountOut, pageOf, TimestampOut } from './primitives.ts';

// What the login, refresh, caller and JWKS routes answer, the problem details of every error, and
// the outline of the OpenAPI document itself.

/** A login or refresh: a 15-minute access token and the refresh token that replaces the spent one. */
export const TokenPairOutSchema = v.strictObject({
  accessToken: v.string(),
  refreshToken: v.string(),
  /** Seconds until the access token expires. */
  expiresIn: v.pipe(v.number(), v.integer(), v.minValue(1)),
  refreshExpiresAt: TimestampOut,
  tokenType: v.literal('Bearer'),
});

/** `GET /me`: the caller's role, and their Telegram id (null for the operator key). */
export const MeOutSchema = v.strictObject({
  role: v.picklist(['owner', 'admin', 'auditor']),
  ownerId: v.nullable(v.string()),
});

/** One dashboard login (a refresh-token family) as `GET /sessions` lists it. */
export const SessionOutSchema = v.strictObject({
  id: v.string(),
  ownerId: v.string(),
  role: v.picklist(SESSION_ROLES),
  method: v.picklist(LOGIN_METHODS),
  startedAt: TimestampOut,
  expiresAt: TimestampOut,
  lastRefreshedAt: v.nullable(TimestampOut),
  refreshes: CountOut,
  revokedAt: v.nullable(TimestampOut),
  revokedReason: v.nullable(v.picklist(SESSION_REVOKE_REASONS)),
});
export const SessionPageOutSchema = pageOf(SessionOutSchema);

export const LogoutEverywhereOutSchema = v.strictObject({ revoked: CountOut });

/** One public verification key (RFC 8037 OKP); never a private part. */
export const JwkOutSchema = v.strictObject({
  kty: v.literal('OKP'),
  crv: v.literal('Ed25519'),
  x: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]+$/)),
  kid: v.string(),
  alg: v.literal(TOKEN_ALGORITHM),
  use: v.literal('sig'),
});

export const JwksOutSchema = v.strictObject({ keys: v.array(JwkOutSchema) });

/** RFC 9457 problem details (`application/problem+json`); quote `errorId` when reporting one. */
export const ProblemOutSchema = v.strictObject({
  type: v.pipe(v.string(), v.startsWith('urn:paygate:problem:')),
  title: v.string(),
  status: v.pipe(v.number(), v.integer(), v.minValue(400), v.maxValue(599)),
  detail: v.string(),
  errorId: v.string(),
  details: v.optional(v.record(v.string(), v.unknown())),
});

/** This document's outline (`GET /openapi.json`): OpenAPI 3.1 with paths and components. */
export const OpenApiDocumentOutSchema = v.looseObject({
  openapi: v.pipe(v.string(), v.startsWith('3.1.')),
  info: v.looseObject({ title: v.string(), version: v.string() }),
  paths: v.record(v.string(), v.record(v.string(), v.unknown())),
  components: v.looseObject({}),
});

import * as v from 'valibot';
import { RefreshRequestSchema } from '../api/auth-routes.ts';
import { SessionListQuerySchema } from '../api/report-params.ts';
import { TelegramWidgetFieldsSchema } from '../auth/index.ts';
import { ALL_ROLES, type ApiOperation } from './operation-types.ts';

// The public exchanges (login, refresh, logout, keys, this document) and the caller's own routes.

/** Refresh and logout take the token in the body, or (dashboard) from its cookie with the CSRF header and no body. */
const OptionalRefreshBody = v.optional(RefreshRequestSchema);

const COOKIE_NOTE = 'A browser may send no body instead: the refresh cookie is used, and the CSRF cookie must be repeated in `x-csrf-token`.';

export const authOperations: readonly ApiOperation[] = [
  {
    operationId: 'getOpenApiDocument',
    method: 'get',
    path: '/api/v1/openapi.json',
    summary: 'This OpenAPI document',
    tags: ['meta'],
    security: 'public',
    roles: ALL_ROLES,
    success: { status: 200, description: 'The OpenAPI 3.1 document of the read API', json: 'OpenApiDocument' },
    problems: [429],
  },
  ...(['/.well-known/jwks.json', '/api/v1/auth/jwks.json'] as const).map(
    (path, index): ApiOperation => ({
      operationId: index === 0 ? 'getWellKnownJwks' : 'getJwks',
      method: 'get',
      path,
      summary: 'Public keys that verify access tokens (JWK Set, EdDSA)',
      description: 'During a key rotation the previous key stays listed until the tokens it signed have expired.',
      tags: ['auth'],
      security: 'public',
      roles: ALL_ROLES,
      success: { status: 200, description: 'The JWK Set', json: 'Jwks' },
      // Only /api/v1/* is rate limited.
      problems: index === 0 ? [] : [429],
    }),
  ),
  {
    operationId: 'loginWithTelegram',
    method: 'post',
    path: '/api/v1/auth/telegram',
    summary: 'Log in with the Telegram Login Widget',
    description: 'The widget callback fields as JSON; `hash` is checked with SHA-256 of the bot token as key, and `auth_date` must be under 24 hours old.',
    tags: ['auth'],
    security: 'public',
    roles: ALL_ROLES,
    body: TelegramWidgetFieldsSchema,
    success: { status: 200, description: 'A new session', json: 'TokenPair' },
    problems: [400, 401, 429],
  },
  {
    operationId: 'refreshSession',
    method: 'post',
    path: '/api/v1/auth/refresh',
    summary: 'Rotate the refresh token',
    description: `Every refresh token works once; presenting a spent one ends the whole session (RFC 9700). ${COOKIE_NOTE}`,
    tags: ['auth'],
    security: 'public',
    roles: ALL_ROLES,
    body: OptionalRefreshBody,
    success: { status: 200, description: 'A new access token and the refresh token that replaces the spent one', json: 'TokenPair' },
    problems: [400, 401, 403, 429],
  },
  {
    operationId: 'logout',
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: 'End the session of a refresh token',
    description: `Idempotent: an unknown token also answers 204. ${COOKIE_NOTE}`,
    tags: ['auth'],
    security: 'public',
    roles: ALL_ROLES,
    body: OptionalRefreshBody,
    success: { status: 204, description: 'The session is over' },
    problems: [400, 403, 429],
  },
  {
    operationId: 'getMe',
    method: 'get',
    path: '/api/v1/me',
    summary: 'Who the credential belongs to',
    tags: ['auth'],
    security: 'caller',
    roles: ALL_ROLES,
    success: { status: 200, description: 'The caller', json: 'Me' },
    problems: [401, 429],
  },
  {
    operationId: 'listSessions',
    method: 'get',
    path: '/api/v1/sessions',
    summary: 'Dashboard logins, newest change first: an owner sees their own, admins and auditors everyone\'s',
    tags: ['auth'],
    security: 'caller',
    roles: ALL_ROLES,
    query: SessionListQuerySchema,
    success: { status: 200, description: 'A page of sessions', json: 'SessionPage' },
    problems: [400, 401, 429],
  },
  {
    operationId: 'logoutEverywhere',
    method: 'post',
    path: '/api/v1/auth/logout-everywhere',
    summary: "End every session of the caller's Telegram account",
    description: 'Their access tokens stop working within seconds. The operator key has no sessions (403). With the cookie, the CSRF header is required.',
    tags: ['auth'],
    security: 'caller',
    roles: ALL_ROLES,
    success: { status: 200, description: 'How many sessions ended', json: 'LogoutEverywhere' },
    problems: [401, 403, 429],
  },
];

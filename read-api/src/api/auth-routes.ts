import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import { PayGateError, parseWithSchema } from '@paygate/domain';
import type { HttpEnv } from '@paygate/http';
import { clearSessionCookies, createDashboardLogin, CSRF_HEADER, csrfMatches, readSessionCookies, setSessionCookies, type DashboardAuth, type TokenPair } from '../auth/index.ts';

const RefreshTokenSchema = v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'), v.maxLength(512, 'is too long'));
export const RefreshRequestSchema = v.strictObject({ refreshToken: RefreshTokenSchema });
export const TokenPairSchema = v.object({
  accessToken: v.string(),
  refreshToken: v.string(),
  expiresIn: v.pipe(v.number(), v.integer()),
  refreshExpiresAt: v.pipe(v.string(), v.isoTimestamp()),
});

const jsonBody = async (c: Context): Promise<unknown> => {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new PayGateError('validation', 'invalid body: send application/json', { issues: [{ path: 'body', message: 'must be application/json' }] });
  }
  try {
    return await c.req.json();
  } catch {
    throw new PayGateError('validation', 'invalid body: not JSON', { issues: [{ path: 'body', message: 'must be JSON' }] });
  }
};

/**
 * The refresh token of a request: the JSON body's (API clients), else the dashboard's cookie —
 * which then needs the CSRF header, as any state change made with a cookie does.
 */
const presentedRefreshToken = async (c: Context): Promise<{ token: string; csrfToken?: string }> => {
  const cookies = readSessionCookies(c);
  const hasBody = (c.req.header('content-length') ?? '0') !== '0' || c.req.header('transfer-encoding') !== undefined;
  if (hasBody || cookies.refreshToken === undefined) return { token: parseWithSchema(RefreshRequestSchema, await jsonBody(c), 'body').refreshToken };
  if (!csrfMatches(cookies.csrfToken, c.req.header(CSRF_HEADER))) {
    throw new PayGateError('forbidden', `A request with the session cookie must repeat the CSRF cookie in ${CSRF_HEADER}.`);
  }
  return { token: cookies.refreshToken, csrfToken: cookies.csrfToken };
};

const tokenPairOut = (pair: TokenPair) => ({ ...pair, tokenType: 'Bearer' });

/**
 * `POST /api/v1/auth/telegram` (widget fields as JSON), `POST /api/v1/auth/refresh` and
 * `POST /api/v1/auth/logout` (`{refreshToken}`); they need no access token — the body is the
 * credential. Each answers `{accessToken, refreshToken, expiresIn, refreshExpiresAt}` or 204.
 */
export const registerAuthRoutes = (app: Hono<HttpEnv>, auth: DashboardAuth): void => {
  const login = createDashboardLogin(auth);
  app.post('/api/v1/auth/telegram', async (c) => c.json(tokenPairOut(await login.withWidget(await jsonBody(c)))));
  app.post('/api/v1/auth/refresh', async (c) => {
    const presented = await presentedRefreshToken(c);
    const pair = await login.refresh(presented.token);
    // A browser keeps only what Set-Cookie gives it: without the rotated cookies its next refresh presents the spent token (reuse: the family is revoked).
    if (presented.csrfToken !== undefined) setSessionCookies(c, { accessToken: pair.accessToken, accessExpiresIn: pair.expiresIn, refreshToken: pair.refreshToken, refreshExpiresAt: pair.refreshExpiresAt }, presented.csrfToken);
    return c.json(tokenPairOut(pair));
  });
  app.post('/api/v1/auth/logout', async (c) => {
    const presented = await presentedRefreshToken(c);
    await auth.sessions.logout(presented.token);
    if (presented.csrfToken !== undefined) clearSessionCookies(c);
    return c.body(null, 204);
  });
};

/** `GET /.well-known/jwks.json` and `/api/v1/auth/jwks.json`: the public keys access tokens are verified with. */
export const registerJwksRoutes = (app: Hono<HttpEnv>, auth: DashboardAuth): void => {
  const jwks = async (c: Context) => {
    c.header('cache-control', 'public, max-age=300');
    return c.json(await auth.accessTokens.jwks());
  };
  app.get('/.well-known/jwks.json', jwks);
  app.get('/api/v1/auth/jwks.json', jwks);
};

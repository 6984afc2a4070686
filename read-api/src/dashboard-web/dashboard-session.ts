import type { Context, MiddlewareHandler } from 'hono';
import { isPayGateError } from '@paygate/domain';
import {
  callerOfToken,
  clearSessionCookies,
  newCsrfToken,
  readSessionCookies,
  setSessionCookies,
  type Caller,
  type CallerEnv,
  type DashboardAuth,
  type TokenPair,
} from '../auth/index.ts';

export type DashboardEnv = CallerEnv & { Variables: CallerEnv['Variables'] & { csrfToken: string } };

export const LOGIN_PATH = '/dashboard/login';

/**
 * Sets the session's cookies. The CSRF token is kept when the browser has one: forms already on
 * screen (other tabs, or a page open longer than an access token) carry it and must still post.
 */
export const startBrowserSession = async (auth: DashboardAuth, c: Context, pair: TokenPair): Promise<{ caller: Caller; csrfToken: string }> => {
  const session = { accessToken: pair.accessToken, accessExpiresIn: pair.expiresIn, refreshToken: pair.refreshToken, refreshExpiresAt: pair.refreshExpiresAt };
  const csrfToken = setSessionCookies(c, session, readSessionCookies(c).csrfToken ?? newCsrfToken());
  return { caller: await callerOfToken(auth.accessTokens, auth.sessionActive, pair.accessToken), csrfToken };
};

/**
 * The dashboard's session: the access cookie, else a rotation of the refresh cookie (new cookies
 * set), else a redirect to the login page. A refresh token that was already spent ends the
 * session (its family is revoked) and clears the cookies.
 */
export const dashboardSession = (auth: DashboardAuth, refresh: (token: string) => Promise<TokenPair>): MiddlewareHandler<DashboardEnv> => async (c, next) => {
  const cookies = readSessionCookies(c);
  let session: { caller: Caller; csrfToken: string } | undefined;
  if (cookies.accessToken !== undefined && cookies.csrfToken !== undefined) {
    session = await callerOfToken(auth.accessTokens, auth.sessionActive, cookies.accessToken).then(
      (caller) => ({ caller, csrfToken: cookies.csrfToken! }),
      () => undefined,
    );
  }
  if (!session && cookies.refreshToken !== undefined) {
    try {
      session = await startBrowserSession(auth, c, await refresh(cookies.refreshToken));
    } catch (error) {
      if (!isPayGateError(error) || error.kind !== 'unauthorized') throw error;
    }
  }
  if (!session) {
    clearSessionCookies(c);
    return c.redirect(LOGIN_PATH, 303);
  }
  c.set('caller', session.caller);
  c.set('csrfToken', session.csrfToken);
  await next();
};


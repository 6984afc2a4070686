import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/**
 * The browser's session: `__Host-` cookies (Secure, Path=/, no Domain: only this exact origin
 * gets them), httpOnly so scripts never see the tokens, SameSite=Strict so no other site's page
 * sends them. The CSRF cookie is the double-submit token forms and the `x-csrf-token` header must
 * repeat; it is readable by design but worthless to another origin, which cannot read it.
 */
export const ACCESS_COOKIE = '__Host-paygate-access';
export const REFRESH_COOKIE = '__Host-paygate-refresh';
export const CSRF_COOKIE = '__Host-paygate-csrf';
export const CSRF_HEADER = 'x-csrf-token';

const base = { path: '/', secure: true, sameSite: 'Strict' as const };

export type BrowserSession = { accessToken: string; accessExpiresIn: number; refreshToken: string; refreshExpiresAt: string };

export const newCsrfToken = (): string => randomBytes(32).toString('base64url');

/** Sets the three cookies; the refresh and CSRF cookies live as long as the refresh token. */
export const setSessionCookies = (c: Context, session: BrowserSession, csrfToken: string = newCsrfToken()): string => {
  const refreshMaxAge = Math.max(0, Math.floor((Date.parse(session.refreshExpiresAt) - Date.now()) / 1000));
  setCookie(c, ACCESS_COOKIE, session.accessToken, { ...base, httpOnly: true, maxAge: session.accessExpiresIn });
  setCookie(c, REFRESH_COOKIE, session.refreshToken, { ...base, httpOnly: true, maxAge: refreshMaxAge });
  setCookie(c, CSRF_COOKIE, csrfToken, { ...base, httpOnly: false, maxAge: refreshMaxAge });
  return csrfToken;
};

/** A CSRF cookie for a form shown before login (the login-link confirmation). */
export const setLoginCsrfCookie = (c: Context, csrfToken: string): void => {
  setCookie(c, CSRF_COOKIE, csrfToken, { ...base, httpOnly: false, maxAge: 15 * 60 });
};

export const clearSessionCookies = (c: Context): void => {
  for (const name of [ACCESS_COOKIE, REFRESH_COOKIE, CSRF_COOKIE]) deleteCookie(c, name, base);
};

export const readSessionCookies = (c: Context) => ({
  accessToken: getCookie(c, ACCESS_COOKIE),
  refreshToken: getCookie(c, REFRESH_COOKIE),
  csrfToken: getCookie(c, CSRF_COOKIE),
});

/** The presented token equals the CSRF cookie, compared in constant time. */
export const csrfMatches = (cookieToken: string | undefined, presented: string | undefined): boolean => {
  if (cookieToken === undefined || presented === undefined || cookieToken.length < 32) return false;
  const a = Buffer.from(cookieToken);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
};

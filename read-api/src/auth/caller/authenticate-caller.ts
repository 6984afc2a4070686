import type { MiddlewareHandler } from 'hono';
import { PayGateError } from '@paygate/domain';
import { clientAddress, rateLimitedError, type HttpLogger } from '@paygate/http';
import type { AuthLockout } from '../auth-lockout.ts';
import { csrfMatches, CSRF_HEADER, readSessionCookies } from '../cookies/index.ts';
import { bearerToken, createOperatorKeyCheck } from '../operator-key.ts';
import type { SessionCheck } from '../sessions/index.ts';
import type { AccessTokens } from '../tokens/index.ts';
import type { Caller, CallerEnv } from './caller.ts';

const LOCKED_DETAIL = 'Too many wrong operator keys from this address. Retry after the number of seconds in Retry-After.';
// A compact JWS: three base64url parts. Anything else presented as a bearer is an operator key.
const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type CallerAuthOptions = {
  /** PAYGATE_OPERATOR_KEY (admin); undefined: only access tokens are accepted. */
  operatorKey: string | undefined;
  /** Undefined: dashboard logins are off and only the operator key is accepted. */
  accessTokens: AccessTokens | undefined;
  sessionActive: SessionCheck | undefined;
  logger: HttpLogger;
  lockout?: AuthLockout;
};

const unauthorized = (detail: string) => new PayGateError('unauthorized', detail);

export const callerOfToken = async (accessTokens: AccessTokens, sessionActive: SessionCheck | undefined, token: string): Promise<Caller> => {
  const verified = await accessTokens.verifyAccessToken(token);
  if (sessionActive && !(await sessionActive(verified.sessionId))) throw unauthorized('The session of this token has ended; log in again.');
  const { subject, role, sessionId } = verified;
  // Spelled out per role so the union type checks each shape.
  switch (role) {
    case 'admin':
      return { role, ownerId: subject, sessionId };
    case 'auditor':
      return { role, ownerId: subject, sessionId };
    case 'owner':
      return { role, ownerId: subject, sessionId };
  }
};

/**
 * Who is calling, from the first credential present: a bearer access token (EdDSA JWT), a bearer
 * operator key (admin; constant-time compare, lockout per address on wrong keys), or the
 * dashboard's access cookie — which, for anything but a safe method, also needs the CSRF header.
 * No credential, or a bad one: 401 with `WWW-Authenticate: Bearer`.
 */
export const authenticateCaller = ({ operatorKey, accessTokens, sessionActive, logger, lockout }: CallerAuthOptions): MiddlewareHandler<CallerEnv> => {
  const operatorKeyMatches = operatorKey === undefined || operatorKey === '' ? undefined : createOperatorKeyCheck(operatorKey);
  const operator = async (address: string, token: string, log: HttpLogger): Promise<Caller> => {
    if (operatorKeyMatches?.(token)) return { role: 'admin' };
    if (lockout && operatorKeyMatches) {
      const startedMs = await lockout.recordFailure(address);
      if (startedMs > 0) log.warn({ clientIp: address, lockedForMs: startedMs }, 'operator key lockout started');
    }
    throw unauthorized('The operator key is not valid.');
  };
  const resolve = async (c: Parameters<MiddlewareHandler<CallerEnv>>[0]): Promise<Caller> => {
    const bearer = bearerToken(c.req.header('authorization'));
    if (bearer !== undefined) {
      if (accessTokens && JWS.test(bearer)) return callerOfToken(accessTokens, sessionActive, bearer);
      const address = clientAddress(c);
      const lockedMs = (await lockout?.lockedFor(address)) ?? 0;
      if (lockedMs > 0) throw rateLimitedError(lockedMs, LOCKED_DETAIL);
      return operator(address, bearer, c.get('logger') ?? logger);
    }
    const cookies = readSessionCookies(c);
    if (accessTokens && cookies.accessToken !== undefined) {
      if (!SAFE_METHODS.has(c.req.method) && !csrfMatches(cookies.csrfToken, c.req.header(CSRF_HEADER))) {
        throw new PayGateError('forbidden', `A request with the session cookie must repeat the CSRF cookie in ${CSRF_HEADER}.`);
      }
      return callerOfToken(accessTokens, sessionActive, cookies.accessToken);
    }
    throw unauthorized('Send "Authorization: Bearer <access token or operator key>", or log in to the dashboard.');
  };
  return async (c, next) => {
    try {
      c.set('caller', await resolve(c));
    } catch (error) {
      if (error instanceof PayGateError && error.kind === 'unauthorized') c.header('www-authenticate', 'Bearer realm="paygate"');
      throw error;
    }
    await next();
  };
};

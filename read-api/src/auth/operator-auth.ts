import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { PayGateError } from '@paygate/domain';
import { clientAddress, createProblem, problemResponse, rateLimitedError, type HttpEnv, type HttpLogger } from '@paygate/http';
import type { AuthLockout } from './auth-lockout.ts';
import { bearerToken, createOperatorKeyCheck } from './operator-key.ts';

export const OPERATOR_KEY_VARIABLE = 'PAYGATE_OPERATOR_KEY';

const CLOSED_DETAIL = `The read API is closed: no operator key is configured. Set ${OPERATOR_KEY_VARIABLE} to open it.`;
const LOCKED_DETAIL = 'Too many wrong operator keys from this address. Retry after the number of seconds in Retry-After.';

export type OperatorAuthOptions = {
  operatorKey: string | undefined;
  logger: HttpLogger;
  /** Wrong keys per caller address; unset: no lockout (tests of the routes). */
  lockout?: AuthLockout;
};

/**
 * Operator authentication: `Authorization: Bearer <PAYGATE_OPERATOR_KEY>`, compared in constant
 * time. A missing or wrong key is 401 (problem+json, `WWW-Authenticate: Bearer`). With no key
 * configured the API stays closed: every request gets 503 `unavailable` naming the variable,
 * since no credential the caller could send would help; an empty key counts as none. With a
 * lockout, an address that sent too many wrong keys gets 429 + Retry-After, right key or not.
 */
export const operatorAuth = ({ operatorKey, logger, lockout }: OperatorAuthOptions): MiddlewareHandler<HttpEnv> => {
  if (operatorKey === undefined || operatorKey === '') {
    logger.info({ variable: OPERATOR_KEY_VARIABLE }, 'read API closed: no operator key configured');
    // Answered directly: thrown as 'unavailable', the shared handler would say "retry later", which would not help.
    return async (c) =>
      problemResponse(c, createProblem('unavailable', { detail: CLOSED_DETAIL, errorId: c.get('requestId') ?? randomUUID() }), {
        'cache-control': 'no-store',
      });
  }
  const matches = createOperatorKeyCheck(operatorKey);
  return async (c, next) => {
    const address = clientAddress(c);
    const lockedMs = (await lockout?.lockedFor(address)) ?? 0;
    if (lockedMs > 0) throw rateLimitedError(lockedMs, LOCKED_DETAIL);
    const token = bearerToken(c.req.header('authorization'));
    if (token === undefined || !matches(token)) {
      // Only a wrong key counts: a request without one is not a guess.
      if (token !== undefined && lockout) {
        const startedMs = await lockout.recordFailure(address);
        if (startedMs > 0) (c.get('logger') ?? logger).warn({ clientIp: address, lockedForMs: startedMs }, 'operator key lockout started');
      }
      c.header('www-authenticate', 'Bearer realm="paygate"');
      throw new PayGateError(
        'unauthorized',
        token === undefined ? 'Send the operator key as "Authorization: Bearer <key>".' : 'The operator key is not valid.',
      );
    }
    await next();
  };
};

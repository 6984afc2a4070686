import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { PayGateError } from '@paygate/domain';
import { createProblem, problemResponse, type HttpEnv, type HttpLogger } from '../http/index.ts';
import { bearerToken, createOperatorKeyCheck } from './operator-key.ts';

export const OPERATOR_KEY_VARIABLE = 'PAYGATE_OPERATOR_KEY';

const CLOSED_DETAIL = `The read API is closed: no operator key is configured. Set ${OPERATOR_KEY_VARIABLE} to open it.`;

/**
 * Operator authentication: `Authorization: Bearer <PAYGATE_OPERATOR_KEY>`, compared in constant
 * time. A missing or wrong key is 401 (problem+json, `WWW-Authenticate: Bearer`). With no key
 * configured the API stays closed: every request gets 503 `unavailable` naming the variable,
 * since no credential the caller could send would help; an empty key counts as none.
 */
export const operatorAuth = ({ operatorKey, logger }: { operatorKey: string | undefined; logger: HttpLogger }): MiddlewareHandler<HttpEnv> => {
  if (operatorKey === undefined || operatorKey === '') {
    logger.warn({ variable: OPERATOR_KEY_VARIABLE }, 'read API closed: no operator key configured');
    // Answered directly: thrown as 'unavailable', the shared handler would say "retry later", which would not help.
    return async (c) =>
      problemResponse(c, createProblem('unavailable', { detail: CLOSED_DETAIL, errorId: c.get('requestId') ?? randomUUID() }), {
        'cache-control': 'no-store',
      });
  }
  const matches = createOperatorKeyCheck(operatorKey);
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (token === undefined || !matches(token)) {
      c.header('www-authenticate', 'Bearer realm="paygate"');
      throw new PayGateError(
        'unauthorized',
        token === undefined ? 'Send the operator key as "Authorization: Bearer <key>".' : 'The operator key is not valid.',
      );
    }
    await next();
  };
};

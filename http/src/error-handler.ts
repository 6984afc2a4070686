import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isPayGateError, type ErrorKind } from '@paygate/domain';
import type { HttpEnv, HttpLogger } from './http-logger.ts';
import { createProblem, kindForStatus, PROBLEM_CONTENT_TYPE, toJson, type Problem } from './problem.ts';

const GENERIC_INTERNAL_DETAIL = 'An unexpected error occurred. Quote the errorId when reporting it.';
const GENERIC_UNAVAILABLE_DETAIL = 'A dependency is unavailable. Retry later.';

const problemFor = (error: unknown, errorId: string): { problem: Problem; kind: ErrorKind } => {
  if (isPayGateError(error)) {
    // Internal and unavailable messages may describe our infrastructure; callers get a generic line.
    const detail =
      error.kind === 'internal' ? GENERIC_INTERNAL_DETAIL : error.kind === 'unavailable' ? GENERIC_UNAVAILABLE_DETAIL : error.message;
    return { kind: error.kind, problem: createProblem(error.kind, { detail, errorId, details: error.details }) };
  }
  if (error instanceof HTTPException) {
    // Raised by hono middleware (body limit, malformed JSON): the message is about the request.
    const kind = kindForStatus(error.status);
    const detail = kind === 'internal' ? GENERIC_INTERNAL_DETAIL : error.message || 'The request was rejected.';
    return { kind, problem: createProblem(kind, { detail, errorId, status: error.status }) };
  }
  return { kind: 'internal', problem: createProblem('internal', { detail: GENERIC_INTERNAL_DETAIL, errorId }) };
};

/** Sends a problem+json response; exported for routes that answer an error without throwing. */
export const problemResponse = (c: Context, problem: Problem, headers: Record<string, string> = {}): Response =>
  c.body(toJson(problem), problem.status as 400, { 'content-type': PROBLEM_CONTENT_TYPE, ...headers });

/**
 * The single place where errors become HTTP responses: `PayGateError.kind` → status, an
 * `application/problem+json` body with a random `errorId` that is also logged. Never a stack.
 */
export const createErrorHandler =
  <E extends HttpEnv = HttpEnv>(baseLogger: HttpLogger) =>
  (error: Error, c: Context<E>): Response => {
    const errorId = randomUUID();
    const { problem, kind } = problemFor(error, errorId);
    const logger = ((c as unknown as Context<HttpEnv>).get('logger') as HttpLogger | undefined) ?? baseLogger;
    const context = { errorId, kind, status: problem.status, method: c.req.method, path: c.req.path };
    if (problem.status >= 500) logger.error({ ...context, err: error }, 'request failed');
    else logger.info({ ...context, reason: error.message }, 'request rejected');
    const retryAfter = isPayGateError(error) ? error.details.retryAfterSeconds : undefined;
    return problemResponse(c, problem, typeof retryAfter === 'number' ? { 'retry-after': String(Math.ceil(retryAfter)) } : {});
  };

import type { ErrorKind } from '@paygate/domain';

/** The one mapping from error kind to HTTP status. */
const STATUS_BY_KIND: Readonly<Record<ErrorKind, number>> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

const TITLE_BY_KIND: Readonly<Record<ErrorKind, string>> = {
  validation: 'Invalid request',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  too_large: 'Payload too large',
  rate_limited: 'Too many requests',
  unavailable: 'Service unavailable',
  internal: 'Internal error',
};

/** Kinds whose `details` are about the caller's request and so are returned; the others stay in logs. */
const KINDS_WITH_DETAILS: ReadonlySet<ErrorKind> = new Set(['validation', 'forbidden', 'not_found', 'conflict', 'too_large', 'rate_limited']);

/** RFC 9457 problem details. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  errorId: string;
  details?: Record<string, unknown>;
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The HTTP status of an error kind: the one mapping, also used by the dashboard's error pages. */
export const statusOfKind = (kind: ErrorKind): number => STATUS_BY_KIND[kind];

export const kindForStatus = (status: number): ErrorKind => {
  const match = (Object.entries(STATUS_BY_KIND) as [ErrorKind, number][]).find(([, s]) => s === status);
  if (match) return match[0];
  return status >= 500 ? 'internal' : 'validation';
};

export const createProblem = (
  kind: ErrorKind,
  { detail, errorId, details, status }: { detail: string; errorId: string; details?: Readonly<Record<string, unknown>>; status?: number },
): Problem => {
  const problem: Problem = {
    type: `urn:paygate:problem:${kind}`,
    title: TITLE_BY_KIND[kind],
    status: status ?? STATUS_BY_KIND[kind],
    detail,
    errorId,
  };
  if (details && KINDS_WITH_DETAILS.has(kind) && Object.keys(details).length > 0) problem.details = { ...details };
  return problem;
};

/** JSON with bigints as strings: money and revisions are bigint and JSON has no such type. */
export const toJson = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner));

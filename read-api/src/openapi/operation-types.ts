import type * as v from 'valibot';
import type { CallerRole } from '../auth/index.ts';
import type { ResponseSchemaName } from './response-schemas.ts';

/** Problem statuses an operation documents besides its success. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 429 | 503;

/** What a successful call answers: JSON of a named response schema, a CSV file, or nothing (204). */
export type OperationSuccess =
  | { status: 200; description: string; json: ResponseSchemaName }
  | { status: 200; description: string; csv: true }
  | { status: 204; description: string };

/**
 * One operation of the read API as plain data: the OpenAPI document is built from these, and
 * the valibot schemas named here are the ones the routes parse with (queries, bodies) or whose
 * shape they answer (responses), so the document cannot describe another API than the one served.
 */
export type ApiOperation = {
  operationId: string;
  method: 'get' | 'post';
  /** OpenAPI style: `{id}` for a path parameter (always an id, as `parseIdParam` checks it). */
  path: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  /** `public`: no credential; `caller`: bearer access token or operator key, or the dashboard cookie. */
  security: 'public' | 'caller';
  /** Roles that may call it (`x-roles`); every role for public operations. */
  roles: readonly CallerRole[];
  /** The valibot schema of the query, a strict object of optional strings (unknown parameters are refused). */
  query?: v.GenericSchema;
  /** The valibot schema of the JSON body. */
  body?: v.GenericSchema;
  success: OperationSuccess;
  problems: readonly ProblemStatus[];
};

export const ALL_ROLES: readonly CallerRole[] = ['owner', 'admin', 'auditor'];
export const AUDIT_ROLES: readonly CallerRole[] = ['admin', 'auditor'];

/** An authenticated read: bad query or id, no or bad credential, rate limited, read model down. */
export const READ_PROBLEMS: readonly ProblemStatus[] = [400, 401, 429, 503];
/** An authenticated read of one thing: also 404 (absent, or another owner's: never told apart). */
export const FIND_PROBLEMS: readonly ProblemStatus[] = [400, 401, 404, 429, 503];

import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { ACCESS_COOKIE, CSRF_HEADER, TOKEN_ALGORITHM } from '../auth/index.ts';
import { COMPONENT_SCHEMAS, requestJsonSchema, responseComponentSchemas } from './json-schema.ts';
import { apiOperations, type ApiOperation, type ProblemStatus } from './operations.ts';
import { bodyIsOptional, pathParameters, queryParameters } from './parameters.ts';

export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

const PROBLEM_RESPONSES: Readonly<Record<ProblemStatus, string>> = {
  400: 'The query, path or body is invalid; `details.issues` names each wrong field.',
  401: 'No credential, or one that is expired, tampered, for another audience or revoked.',
  403: 'The caller may not do this (a role without it, or a cookie request without the CSRF header).',
  404: "Not found — or another owner's: the two are never told apart.",
  429: 'Too many requests; retry after the `retry-after` header.',
  503: 'The read model is unreachable; retry later.',
};

const problemResponseRef = (status: ProblemStatus) => ({ $ref: `#/components/responses/Problem${status}` });

const successResponse = (success: ApiOperation['success']) => {
  if (success.status === 204) return { description: success.description };
  if ('csv' in success) return { description: success.description, content: { 'text/csv': { schema: { type: 'string' } } } };
  return { description: success.description, content: { 'application/json': { schema: { $ref: `${COMPONENT_SCHEMAS}${success.json}` } } } };
};

const STRICT_QUERY_NOTE = 'Unknown query parameters, and a parameter given twice, are refused (400).';

const operationObject = (operation: ApiOperation) => {
  const parameters = [...pathParameters(operation.path), ...(operation.query ? queryParameters(operation.query) : [])];
  const description = [operation.description, operation.query ? STRICT_QUERY_NOTE : undefined].filter((part) => part !== undefined).join(' ');
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(description === '' ? {} : { description }),
    tags: [...operation.tags],
    security: operation.security === 'public' ? [] : [{ bearer: [] }, { cookie: [] }],
    'x-roles': [...operation.roles],
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(operation.body
      ? { requestBody: { required: !bodyIsOptional(operation.body), content: { 'application/json': { schema: requestJsonSchema(operation.body) } } } }
      : {}),
    responses: {
      [String(operation.success.status)]: successResponse(operation.success),
      ...Object.fromEntries(operation.problems.map((status) => [String(status), problemResponseRef(status)])),
    },
  };
};

const readApiVersion = (): string =>
  v.parse(v.object({ version: v.string() }), JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))).version;

/** The OpenAPI 3.1 document of `operations`, every schema converted from the valibot one the code uses. */
export const buildOpenApiDocument = (operations: readonly ApiOperation[] = apiOperations): OpenApiDocument => {
  const paths: OpenApiDocument['paths'] = {};
  for (const operation of operations) {
    const item = (paths[operation.path] ??= {});
    if (item[operation.method]) throw new Error(`${operation.method.toUpperCase()} ${operation.path} is listed twice`);
    item[operation.method] = operationObject(operation);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'PayGate read API',
      version: readApiVersion(),
      description: 'Channels, subscribers, payments, payouts, balances and revenue, each scoped to what the caller may read. Money is exact: decimal strings, never JSON numbers. Errors are RFC 9457 problem details.',
    },
    tags: [...new Set(operations.flatMap((operation) => operation.tags))].map((name) => ({ name })),
    paths,
    components: {
      schemas: responseComponentSchemas(),
      responses: Object.fromEntries(
        (Object.entries(PROBLEM_RESPONSES) as [string, string][]).map(([status, description]) => [
          `Problem${status}`,
          { description, content: { 'application/problem+json': { schema: { $ref: `${COMPONENT_SCHEMAS}Problem` } } } },
        ]),
      ),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: `A 15-minute access token (JWT signed with ${TOKEN_ALGORITHM}; keys at /.well-known/jwks.json), or the operator key.` },
        cookie: { type: 'apiKey', in: 'cookie', name: ACCESS_COOKIE, description: `The dashboard's session cookie; a state change with it also needs the CSRF cookie repeated in \`${CSRF_HEADER}\`.` },
      },
    },
  };
};

let cached: OpenApiDocument | undefined;

/** The read API's document, built once: its schemas do not change while the process runs. */
export const openApiDocument = (): OpenApiDocument => (cached ??= buildOpenApiDocument());

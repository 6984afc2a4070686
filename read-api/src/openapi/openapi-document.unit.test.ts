import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { PAYMENT_STATUSES } from '@paygate/domain';
import { OpenApiDocumentOutSchema } from './auth-schemas.ts';
import { buildOpenApiDocument, openApiDocument } from './openapi-document.ts';
import { apiOperations, type ApiOperation } from './operations.ts';
import { pathParameterNames } from './parameters.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Operation = { operationId: string; security: unknown[]; parameters?: { name: string; in: string; required: boolean; schema: Record<string, Json> }[]; responses: Record<string, Json>; requestBody?: Record<string, Json> };

const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, Operation>>; components: Json } & Record<string, Json>;
const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));
const operation = (method: string, path: string): Operation => doc.paths[path]![method]!;

/** Every `$ref` in the document, with the JSON pointer it names. */
const refsOf = (value: Json): string[] => {
  if (Array.isArray(value)) return value.flatMap(refsOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === '$ref' && typeof inner === 'string' ? [inner] : refsOf(inner)));
};
const resolve = (pointer: string): Json | undefined =>
  pointer
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<Json | undefined>((node, key) => (node !== null && typeof node === 'object' && !Array.isArray(node) ? node[key] : undefined), doc as unknown as Json);

/** The read API as issue 11 asks for it. */
const EXPECTED = [
  'GET /api/v1/openapi.json', 'GET /.well-known/jwks.json', 'GET /api/v1/auth/jwks.json', 'POST /api/v1/auth/telegram',
  'POST /api/v1/auth/refresh', 'POST /api/v1/auth/logout', 'GET /api/v1/me', 'POST /api/v1/auth/logout-everywhere',
  'GET /api/v1/invoices/{id}', 'GET /api/v1/payments', 'GET /api/v1/payments/{id}', 'GET /api/v1/payments/{id}/events',
  'GET /api/v1/payments.csv', 'GET /api/v1/channels', 'GET /api/v1/channels/{id}', 'GET /api/v1/subscribers', 'GET /api/v1/payouts',
  'GET /api/v1/payouts/{id}', 'GET /api/v1/payouts.csv', 'GET /api/v1/balances', 'GET /api/v1/revenue', 'GET /api/v1/sessions',
];

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with the package version and the two security schemes', () => {
    expect(v.safeParse(OpenApiDocumentOutSchema, doc).issues).toBeUndefined();
    expect(doc.openapi).toBe('3.1.0');
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(doc.info).toMatchObject({ version: manifest.version });
    expect(doc.components).toMatchObject({
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, cookie: { type: 'apiKey', in: 'cookie', name: '__Host-paygate-access' } },
    });
  });

  it('lists every endpoint of the read API, once each, and nothing else', () => {
    expect(operations.map(({ method, path }) => `${method.toUpperCase()} ${path}`).sort()).toEqual([...EXPECTED].sort());
    const ids = operations.map(({ operation: { operationId } }) => operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every operation answers a success and problem details, and declares exactly its path parameters', () => {
    for (const { path, operation: op } of operations) {
      expect(Object.keys(op.responses).some((status) => /^2\d\d$/.test(status)), path).toBe(true);
      for (const [status, response] of Object.entries(op.responses)) {
        if (status.startsWith('4') || status.startsWith('5')) expect(response).toEqual({ $ref: `#/components/responses/Problem${status}` });
      }
      const declared = (op.parameters ?? []).filter((parameter) => parameter.in === 'path');
      expect(declared.map((parameter) => parameter.name), path).toEqual(pathParameterNames(path));
      for (const parameter of declared) expect(parameter).toMatchObject({ required: true, schema: { type: 'string' } });
    }
  });

  it('every $ref resolves inside the document', () => {
    const refs = refsOf(doc as unknown as Json);
    expect(refs.length).toBeGreaterThan(50);
    for (const ref of new Set(refs)) {
      expect(ref.startsWith('#/'), ref).toBe(true);
      expect(resolve(ref), ref).toBeDefined();
    }
  });

  it('public operations need no credential; the others take the bearer token or the cookie', () => {
    for (const { path, method, operation: op } of operations) {
      const isPublic = apiOperations.find((listed) => listed.path === path && listed.method === method)!.security === 'public';
      expect(op.security, path).toEqual(isPublic ? [] : [{ bearer: [] }, { cookie: [] }]);
    }
    expect(operation('get', '/api/v1/payments/{id}/events')).toMatchObject({ 'x-roles': ['admin', 'auditor'] });
  });

  it("the payments list's query parameters: what a client writes, all optional, limit defaulting to 20", () => {
    const parameters = Object.fromEntries((operation('get', '/api/v1/payments').parameters ?? []).map((parameter) => [parameter.name, parameter]));
    expect(Object.keys(parameters)).toEqual(['invoice', 'channel', 'status', 'limit', 'cursor']);
    for (const parameter of Object.values(parameters)) expect(parameter).toMatchObject({ in: 'query', required: false, schema: { type: 'string' } });
    expect(parameters.status!.schema.enum).toEqual([...PAYMENT_STATUSES]);
    expect(parameters.limit!.schema).toMatchObject({ pattern: '^[1-9]\\d{0,2}$', default: '20' });
    expect(parameters.invoice!.schema.pattern).toBeDefined();
  });

  it('request bodies describe what is sent: widget ids as text or integer, refresh token optional with the cookie', () => {
    const widget = operation('post', '/api/v1/auth/telegram').requestBody as { required: boolean; content: { 'application/json': { schema: { properties: Record<string, Json>; required: string[] } } } };
    expect(widget.required).toBe(true);
    expect(widget.content['application/json'].schema.required).toEqual(['id', 'first_name', 'auth_date', 'hash']);
    expect(widget.content['application/json'].schema.properties.id).toMatchObject({ anyOf: [{ type: 'string' }, { type: 'integer' }] });
    expect(operation('post', '/api/v1/auth/refresh').requestBody).toMatchObject({ required: false, content: { 'application/json': { schema: { required: ['refreshToken'] } } } });
    expect(operation('get', '/api/v1/payments.csv').responses['200']).toMatchObject({ content: { 'text/csv': { schema: { type: 'string' } } } });
    expect(operation('post', '/api/v1/auth/logout').responses['204']).toEqual({ description: expect.any(String) });
  });

  it('refuses to describe what it cannot: a duplicate operation, or a schema JSON Schema cannot express', () => {
    const listPayments = apiOperations.find((listed) => listed.operationId === 'listPayments')!;
    expect(() => buildOpenApiDocument([listPayments, listPayments])).toThrow(/listed twice/);
    const dated: ApiOperation = { ...listPayments, query: v.strictObject({ since: v.optional(v.date()) }) };
    expect(() => buildOpenApiDocument([dated])).toThrow(/date/);
  });
});

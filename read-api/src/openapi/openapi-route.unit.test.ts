import { describe, expect, it } from 'vitest';
import type { HttpLogger } from '@paygate/http';
import { createReadApi } from '../api/create-read-api.ts';
import type { DashboardAuth } from '../auth/index.ts';
import { openApiDocument } from './openapi-document.ts';
import { apiOperations } from './operations.ts';

const logger: HttpLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, child: () => logger };

/** The read API with logins and trails on, so every route is registered; no route here is called with a database. */
const readApi = () =>
  createReadApi({ db: {} as never, schema: 'read_models', operatorKey: 'k'.repeat(40), auth: {} as DashboardAuth, readTrail: async () => [], logger });

describe('GET /api/v1/openapi.json', () => {
  it('answers the document to anyone, cacheable for five minutes (the rest of /api/v1 is no-store)', async () => {
    const response = await readApi().request('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(openApiDocument());
    expect(openApiDocument()).toBe(openApiDocument());
  });

  it('documents exactly the routes the read API registers (a route added without its operation fails here)', () => {
    const served = readApi()
      .routes.filter((route) => route.method !== 'ALL' && (route.path.startsWith('/api/') || route.path.startsWith('/.well-known/')))
      .map((route) => `${route.method} ${route.path.replaceAll(/:(\w+)/g, '{$1}')}`);
    const documented = apiOperations.map((operation) => `${operation.method.toUpperCase()} ${operation.path}`);
    expect([...new Set(served)].sort()).toEqual([...documented].sort());
  });
});

import type { Hono } from 'hono';
import type { HttpEnv } from '@paygate/http';
import { openApiDocument } from './openapi-document.ts';

export const OPENAPI_PATH = '/api/v1/openapi.json';

/**
 * `GET /api/v1/openapi.json`: public, and the same for everyone, so caches may keep it a few
 * minutes (the `/api/v1/*` default is no-store; this header replaces it).
 */
export const registerOpenApiRoute = (app: Hono<HttpEnv>): void => {
  app.get(OPENAPI_PATH, (c) => {
    c.header('cache-control', 'public, max-age=300');
    return c.json(openApiDocument());
  });
};

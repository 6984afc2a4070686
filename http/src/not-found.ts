import { randomUUID } from 'node:crypto';
import type { Context, NotFoundHandler } from 'hono';
import { METHOD_NAME_ALL } from 'hono/router';
import { TrieRouter } from 'hono/router/trie-router';
import { createProblem, type Problem } from './problem.ts';
import { problemResponse } from './error-handler.ts';

/** The slice of a Hono app the handler reads: its route table. */
export type RouteTable = { routes: readonly { method: string; path: string }[] };

// 405 is about the route table, not an error the domain raises, so it has its own problem type.
const methodNotAllowed = (detail: string, errorId: string): Problem => ({
  type: 'urn:paygate:problem:method_not_allowed',
  title: 'Method not allowed',
  status: 405,
  detail,
  errorId,
});

/** For a path: the methods some route answers it with (GET implies HEAD, as hono serves it). */
const allowedMethods = (app: RouteTable): ((path: string) => string[]) => {
  const router = new TrieRouter<string>();
  const methods = new Set<string>();
  for (const { method, path } of app.routes) {
    // ALL is middleware (`use`): it matches every method, so it says nothing about which are allowed.
    if (method === METHOD_NAME_ALL) continue;
    router.add(method, path, method);
    methods.add(method);
  }
  return (path) => {
    const allowed = [...methods].filter((method) => router.match(method, path)[0].length > 0);
    if (allowed.includes('GET') && !allowed.includes('HEAD')) allowed.push('HEAD');
    return allowed.sort();
  };
};

/**
 * `app.notFound` for PayGate apps: 405 problem+json with `Allow` when the path exists for other
 * methods (hono has no 405 of its own), else 404 problem+json. The route table is read once, at
 * the first miss, when every route is mounted.
 */
export const createNotFoundHandler = (app: RouteTable): NotFoundHandler => {
  let allowedFor: ((path: string) => string[]) | undefined;
  return (c: Context) => {
    allowedFor ??= allowedMethods(app);
    const errorId = (c.get('requestId') as string | undefined) ?? randomUUID();
    const { method, path } = c.req;
    const allowed = allowedFor(path);
    if (allowed.length > 0 && !allowed.includes(method)) {
      return problemResponse(c, methodNotAllowed(`${method} is not allowed on ${path}; use ${allowed.join(', ')}`, errorId), { allow: allowed.join(', ') });
    }
    return problemResponse(c, createProblem('not_found', { detail: `No route for ${method} ${path}`, errorId }));
  };
};

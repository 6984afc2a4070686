/**
 * `GET|POST /bot<token>/<method>`: the Bot API endpoint. Wrong token → 401, unknown method →
 * 404, otherwise the method's result as `{ok:true,result}` or its refusal as
 * `{ok:false,error_code,description,parameters}` with that HTTP status. Every call is logged
 * (method, parameters, outcome) for tests; the token is never logged.
 */
import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { BotApiError, methodNotFound, unauthorized } from './bot-api-error.ts';
import type { SandboxCore } from './core.ts';
import type { FaultState } from './faults.ts';
import { pushCapped } from './limits.ts';
import { isDescribed } from './methods/method.ts';
import { findMethod } from './methods/registry.ts';
import { readParams, type Params } from './params.ts';

export type CallLogEntry = {
  readonly seq: number;
  readonly at: string;
  readonly method: string;
  readonly params: Params;
  readonly ok: boolean;
  readonly errorCode?: number;
  readonly description?: string;
  readonly durationMs: number;
};

export type ApiDispatcher = {
  /** Runs one method the way an HTTP call would (faults, latency, log). */
  dispatch(method: string, params: Params, signal?: AbortSignal): Promise<{ status: number; body: unknown }>;
  readonly callLog: CallLogEntry[];
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const createDispatcher = (core: SandboxCore, faults: FaultState, latencyMs: number): ApiDispatcher => {
  const callLog: CallLogEntry[] = [];
  let seq = 0;
  return {
    callLog,
    async dispatch(name, params, signal) {
      const started = performance.now();
      const found = findMethod(name);
      const method = found?.name ?? name;
      const log = (ok: boolean, error?: BotApiError) => {
        seq += 1;
        pushCapped(callLog, {
          seq,
          at: core.clock().toISOString(),
          method,
          params,
          ok,
          durationMs: Math.round(performance.now() - started),
          ...(error === undefined ? {} : { errorCode: error.errorCode, description: error.description }),
        }, core.limits.callLog);
      };
      try {
        if (found === undefined) throw methodNotFound();
        const wait = latencyMs + faults.delayFor(method);
        if (wait > 0) await sleep(wait);
        const injected = faults.take(method);
        if (injected !== undefined) throw injected;
        const outcome = await found.handler(core, params, signal === undefined ? {} : { signal });
        log(true);
        const body = isDescribed(outcome)
          ? { ok: true, result: outcome.result, description: outcome.description }
          : { ok: true, result: outcome };
        return { status: 200, body };
      } catch (error) {
        if (!(error instanceof BotApiError)) throw error;
        log(false, error);
        return { status: error.errorCode, body: error.toJSON() };
      }
    },
  };
};

const sameToken = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

export const createApiRoutes = (token: string, dispatcher: ApiDispatcher) => {
  const api = new Hono();
  api.all('/:botToken/:method', async (c) => {
    const segment = c.req.param('botToken');
    if (!segment.startsWith('bot')) return c.json(methodNotFound().toJSON(), 404);
    if (!sameToken(segment.slice(3), token)) return c.json(unauthorized().toJSON(), 401);
    let params: Params;
    try {
      params = await readParams(c.req.raw);
    } catch (error) {
      if (error instanceof BotApiError) return c.json(error.toJSON(), error.errorCode as ContentfulStatusCode);
      throw error;
    }
    const { status, body } = await dispatcher.dispatch(c.req.param('method'), params, c.req.raw.signal);
    return c.json(body, status as ContentfulStatusCode);
  });
  return api;
};

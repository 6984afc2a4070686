import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { isPayGateError, type PayGateError } from '@paygate/domain';
import { checkProviderOptions, errorBodyReader, providerRequest, type FetchLike, type ProviderContext } from './provider-request.ts';

const KEY = 'secret-key-4711';
const readError = errorBodyReader(v.looseObject({ error: v.string(), message: v.optional(v.string()) }), (body) => ({
  code: body.error,
  ...(body.message === undefined ? {} : { message: body.message }),
}));

const context = (fetch: FetchLike, extra: Partial<ProviderContext> = {}): ProviderContext => ({
  provider: 'Acme',
  apiUrl: 'http://acme.invalid',
  apiKey: KEY,
  apiKeyHeader: 'x-acme-key',
  fetch,
  timeoutMs: 200,
  readError,
  ...extra,
});

const okSchema = v.object({ ok: v.boolean() });

const failure = async (promise: Promise<unknown>): Promise<PayGateError> => {
  const error = await promise.then(
    () => expect.unreachable('expected a rejection'),
    (e: unknown) => e,
  );
  expect(isPayGateError(error)).toBe(true);
  const e = error as PayGateError;
  expect(JSON.stringify([e.message, e.details, e.stack, String(e.cause)])).not.toContain(KEY);
  return e;
};

const request = { operation: 'ping', method: 'GET', path: '/ping' } as const;

describe('providerRequest', () => {
  it('sends the key in the provider header and validates the answer', async () => {
    const seen: Array<[string, Headers]> = [];
    const fetch: FetchLike = async (url, init) => {
      seen.push([url, new Headers(init.headers)]);
      return Response.json({ ok: true });
    };
    expect(await providerRequest(context(fetch), request, okSchema)).toEqual({ ok: true });
    expect(seen[0]![0]).toBe('http://acme.invalid/ping');
    expect(seen[0]![1].get('x-acme-key')).toBe(KEY);
  });

  it('uses the given JSON parser', async () => {
    const fetch: FetchLike = async () => new Response('{"ok":true}');
    const parseJson = (text: string): unknown => ({ ...(JSON.parse(text) as object), ok: false });
    expect(await providerRequest(context(fetch, { parseJson }), request, okSchema)).toEqual({ ok: false });
  });

  it.each([
    [503, 'unavailable', 'Acme ping failed with 503: down'],
    [404, 'not_found', 'Acme ping: down'],
    [429, 'rate_limited', 'Acme ping was rate limited: down'],
    [400, 'validation', 'Acme rejected ping: down'],
    [401, 'validation', 'Acme rejected ping: down'],
  ] as const)('maps %i to %s with the provider message and code', async (status, kind, message) => {
    const fetch: FetchLike = async () => Response.json({ error: 'some_code', message: 'down' }, { status });
    const e = await failure(providerRequest(context(fetch), request, okSchema));
    expect(e).toMatchObject({ kind, message, details: { status, code: 'some_code', operation: 'ping' } });
  });

  it('quotes a non-JSON error body, redacting the key', async () => {
    const fetch: FetchLike = async () => new Response(`bad key ${KEY}`, { status: 400 });
    const e = await failure(providerRequest(context(fetch), request, okSchema));
    expect(e.message).toBe('Acme rejected ping: bad key [redacted]');
  });

  it('redacts the key from a JSON error message and code', async () => {
    const fetch: FetchLike = async () => Response.json({ error: `code-${KEY}`, message: `key ${KEY} refused` }, { status: 403 });
    const e = await failure(providerRequest(context(fetch), request, okSchema));
    expect(e.message).toBe('Acme rejected ping: key [redacted] refused');
    expect(e.details['code']).toBe('code-[redacted]');
  });

  it('reports a network error and a timeout as unavailable, without the raw cause', async () => {
    const broken: FetchLike = async () => {
      throw new TypeError(`fetch failed for header ${KEY}`);
    };
    const e = await failure(providerRequest(context(broken), request, okSchema));
    expect(e).toMatchObject({ kind: 'unavailable', message: 'Acme ping failed: network error' });

    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)));
    const t = await failure(providerRequest(context(hanging, { timeoutMs: 20 }), request, okSchema));
    expect(t).toMatchObject({ kind: 'unavailable', message: 'Acme ping failed: timed out after 20 ms' });
  });

  it('reports a 200 of the wrong shape as unavailable, naming the fields', async () => {
    const fetch: FetchLike = async () => Response.json({ ok: 'yes' });
    const e = await failure(providerRequest(context(fetch), request, okSchema));
    expect(e).toMatchObject({ kind: 'unavailable', details: { fields: ['ok'] } });
  });
});

describe('checkProviderOptions', () => {
  it('refuses keys a header cannot carry, bad urls and timeouts', () => {
    expect(() => checkProviderOptions('Acme', { apiUrl: 'http://x', apiKey: 'a b', timeoutMs: 1 })).toThrow(/Acme api key/);
    expect(() => checkProviderOptions('Acme', { apiUrl: 'nope', apiKey: 'k', timeoutMs: 1 })).toThrow(/Acme api url/);
    expect(() => checkProviderOptions('Acme', { apiUrl: 'http://x', apiKey: 'k', timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => checkProviderOptions('Acme', { apiUrl: 'http://x', apiKey: 'k', timeoutMs: 1 })).not.toThrow();
  });
});

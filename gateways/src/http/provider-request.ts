/**
 * One HTTP call to a payment provider's JSON API: timeout, response validation and the
 * PayGateError mapping every gateway shares (network/timeout/5xx → unavailable, 404 → not_found,
 * 429 → rate_limited, other 4xx → validation, each with the provider's own message). The api key
 * is redacted from anything that could reach an error.
 */
import * as v from 'valibot';
import { PayGateError } from '@paygate/domain';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** What a provider's error body says, as far as a message can use it. */
export type ProviderErrorBody = { readonly message?: string; readonly code?: string };

/** Reads a provider's error body (parsed JSON, or the raw text when it was not JSON); undefined when it is not the provider's shape. */
export type ProviderErrorReader = (body: unknown) => ProviderErrorBody | undefined;

export type ProviderContext = {
  /** Human name for messages: "NOWPayments", "ChangeNOW". */
  readonly provider: string;
  readonly apiUrl: string;
  readonly apiKey: string;
  /** The header that carries the key, e.g. `x-api-key`. */
  readonly apiKeyHeader: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly readError: ProviderErrorReader;
  /** How a response body is read; JSON.parse by default (a provider's amounts may need their source text). */
  readonly parseJson?: (text: string) => unknown;
};

export type ProviderRequest = {
  readonly operation: string; // human name for messages, e.g. "create invoice"
  readonly method: 'GET' | 'POST';
  readonly path: string; // with its query string
  readonly body?: string;
};

const MAX_MESSAGE = 300;

export const redactor = (secret: string) => (text: string) =>
  secret.length > 0 ? text.split(secret).join('[redacted]') : text;

/** A reader for error bodies of one valibot shape. */
export const errorBodyReader =
  <S extends v.GenericSchema>(schema: S, pick: (body: v.InferOutput<S>) => ProviderErrorBody): ProviderErrorReader =>
  (body) => {
    const parsed = v.safeParse(schema, body);
    return parsed.success ? pick(parsed.output) : undefined;
  };

/** Dotted paths of the fields a schema refused, for error details (never their values). */
export const issueFieldPaths = (issues: readonly v.BaseIssue<unknown>[]): string[] =>
  [...new Set(issues.map((issue) => v.getDotPath(issue) ?? '(body)'))].sort();

const readBody = async (response: Response, parseJson: (text: string) => unknown): Promise<unknown> => {
  const text = await response.text();
  try {
    return parseJson(text);
  } catch {
    return text;
  }
};

const providerMessage = (ctx: ProviderContext, body: unknown, redact: (t: string) => string): ProviderErrorBody => {
  const read = ctx.readError(body);
  const raw = read ? (read.message ?? '') : typeof body === 'string' ? body : '';
  const message = redact(raw).slice(0, MAX_MESSAGE) || 'no message';
  return read?.code ? { message, code: redact(read.code).slice(0, MAX_MESSAGE) } : { message };
};

/** Checked up front by each client: an invalid header value makes fetch throw a message quoting the key. */
export const checkProviderOptions = (provider: string, options: { apiUrl: string; apiKey: string; timeoutMs: number }): void => {
  if (options.apiKey.trim() === '' || !/^[\x21-\x7e]+$/.test(options.apiKey)) {
    throw new PayGateError('validation', `${provider} api key is empty or has characters a header cannot carry`);
  }
  if (!URL.canParse(options.apiUrl)) throw new PayGateError('validation', `${provider} api url is not a URL`);
  if (!(options.timeoutMs > 0)) throw new PayGateError('validation', `${provider} timeoutMs must be positive`);
};

export const providerRequest = async <S extends v.GenericSchema>(
  ctx: ProviderContext,
  request: ProviderRequest,
  schema: S,
): Promise<v.InferOutput<S>> => {
  const redact = redactor(ctx.apiKey);
  const name = ctx.provider;
  const details = { operation: request.operation, method: request.method, path: redact(request.path) };
  let response: Response;
  try {
    response = await ctx.fetch(`${ctx.apiUrl}${request.path}`, {
      method: request.method,
      headers: {
        [ctx.apiKeyHeader]: ctx.apiKey,
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: AbortSignal.timeout(ctx.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const reason = timedOut ? `timed out after ${ctx.timeoutMs} ms` : 'network error';
    // The raw cause is not attached: fetch errors can quote header values, i.e. the key.
    const cause = error instanceof Error ? new Error(redact(`${error.name}: ${error.message}`)) : undefined;
    throw new PayGateError('unavailable', `${name} ${request.operation} failed: ${reason}`, details, { cause });
  }

  // A body cut off mid-read is the network failing, like a refused connection.
  const body = await readBody(response, ctx.parseJson ?? JSON.parse).catch(() => undefined);
  if (!response.ok) {
    const { message, code } = providerMessage(ctx, body, redact);
    const errorDetails = { ...details, status: response.status, ...(code ? { code } : {}) };
    if (response.status >= 500) {
      throw new PayGateError('unavailable', `${name} ${request.operation} failed with ${response.status}: ${message}`, errorDetails);
    }
    if (response.status === 404) throw new PayGateError('not_found', `${name} ${request.operation}: ${message}`, errorDetails);
    if (response.status === 429) {
      throw new PayGateError('rate_limited', `${name} ${request.operation} was rate limited: ${message}`, errorDetails);
    }
    throw new PayGateError('validation', `${name} rejected ${request.operation}: ${message}`, errorDetails);
  }

  const parsed = v.safeParse(schema, body);
  if (!parsed.success) {
    throw new PayGateError('unavailable', `${name} ${request.operation} returned an unexpected response`, {
      ...details,
      status: response.status,
      fields: issueFieldPaths(parsed.issues),
    });
  }
  return parsed.output;
};

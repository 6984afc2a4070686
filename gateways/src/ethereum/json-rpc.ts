import { PayGateError } from '@paygate/domain';

/**
 * A minimal Ethereum JSON-RPC client over fetch: one request per call (no batching, no background
 * polling, no network auto-detection loop), a hard timeout per call, and errors that never carry
 * the RPC URL (providers put API keys in its path, query or user-info).
 */
export type JsonRpc = {
  call<T = unknown>(method: string, params?: readonly unknown[]): Promise<T>;
};

/** What the node itself answered when it refused a call (`{ error: { code, message } }`). */
export type NodeError = { readonly code: number; readonly message: string };

export type JsonRpcOptions = {
  readonly url: string;
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
};

/** The node's refusal carried by a PayGateError from `call`, or undefined for transport failures. */
export const nodeErrorOf = (error: unknown): NodeError | undefined => {
  if (!(error instanceof PayGateError)) return undefined;
  const { rpcCode, rpcMessage } = error.details;
  return typeof rpcCode === 'number' && typeof rpcMessage === 'string' ? { code: rpcCode, message: rpcMessage } : undefined;
};

/** Splits user-info off the URL: undici refuses URLs with credentials; they go in a Basic header. */
const endpointOf = (url: string): { href: string; headers: Record<string, string> } => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PayGateError('validation', 'The Ethereum RPC URL is not a valid URL.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new PayGateError('validation', 'The Ethereum RPC URL must be http(s).');
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (parsed.username !== '' || parsed.password !== '') {
    const user = decodeURIComponent(parsed.username);
    const password = decodeURIComponent(parsed.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    parsed.username = '';
    parsed.password = '';
  }
  return { href: parsed.href, headers };
};

/** A transport failure in words that name no URL: the error code or name only. */
const describeFailure = (error: unknown, timeoutMs: number): string => {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  return code === undefined ? 'network error' : `network error (${code})`;
};

const MAX_NODE_MESSAGE = 300;

export const createJsonRpc = ({ url, timeoutMs, fetch: fetchImpl = fetch }: JsonRpcOptions): JsonRpc => {
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) throw new PayGateError('validation', 'rpcTimeoutMs must be a positive integer.');
  const endpoint = endpointOf(url);
  let nextId = 1;

  const call = async <T>(method: string, params: readonly unknown[] = []): Promise<T> => {
    const fail = (reason: string, details: Record<string, unknown> = {}): PayGateError =>
      new PayGateError('unavailable', `Ethereum RPC ${method} failed: ${reason}`, details);
    const id = nextId++;
    let body: unknown;
    try {
      const response = await fetchImpl(endpoint.href, {
        method: 'POST',
        headers: endpoint.headers,
        body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (response.status === 429) throw new PayGateError('rate_limited', `Ethereum RPC ${method}: the node rate-limits us (HTTP 429).`);
      if (!response.ok) throw fail(`HTTP ${response.status}`);
      body = await response.json();
    } catch (error) {
      if (error instanceof PayGateError) throw error;
      if (error instanceof SyntaxError) throw fail('the answer is not JSON');
      throw fail(describeFailure(error, timeoutMs));
    }
    if (body === null || typeof body !== 'object') throw fail('the answer is not a JSON-RPC response');
    const { error, result } = body as { error?: { code?: unknown; message?: unknown }; result?: unknown };
    if (error !== undefined && error !== null) {
      const code = typeof error.code === 'number' ? error.code : 0;
      const message = typeof error.message === 'string' ? error.message.slice(0, MAX_NODE_MESSAGE) : 'no message';
      throw fail(`the node answered ${code}: ${message}`, { rpcCode: code, rpcMessage: message });
    }
    if (!('result' in body)) throw fail('the answer has no result');
    return result as T;
  };

  return { call };
};

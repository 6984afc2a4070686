// Test helper (not product code): a JSON-RPC relay in front of a real node, where a test can
// act at the exact moment PayGate calls a method (kill it, drop the call, answer 500, stall).
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';

export type RpcCall = { method: string; params: unknown[] };
/** forward: pass on; drop: answer as the node would have, without passing on (a lost broadcast); fail: HTTP 500. */
export type RpcVerdict = 'forward' | 'drop' | 'fail';
export type RpcHooks = {
  before?: (call: RpcCall) => RpcVerdict | Promise<RpcVerdict>;
  after?: (call: RpcCall, result: unknown) => void | Promise<void>;
};

export type RpcProxy = { url: string; hooks: RpcHooks; stop(): Promise<void> };

const keccakOfRaw = async (raw: string): Promise<string> => (await import('ethers')).keccak256(raw);

export const startRpcProxy = async (target: string): Promise<RpcProxy> => {
  const proxy: RpcProxy = { url: '', hooks: {}, stop: async () => undefined };
  const app = new Hono().post('/', async (c) => {
    const body = (await c.req.json()) as { id: unknown; method: string; params?: unknown[] };
    const call = { method: body.method, params: body.params ?? [] };
    const verdict = (await proxy.hooks.before?.(call)) ?? 'forward';
    if (verdict === 'fail') return c.json({ message: 'injected failure' }, 500);
    if (verdict === 'drop') {
      const result = call.method === 'eth_sendRawTransaction' ? await keccakOfRaw(String(call.params[0])) : null;
      return c.json({ jsonrpc: '2.0', id: body.id, result });
    }
    const response = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = (await response.json()) as { result?: unknown };
    await proxy.hooks.after?.(call, answer.result);
    return c.json(answer, response.status as 200);
  });
  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
  });
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return proxy;
};

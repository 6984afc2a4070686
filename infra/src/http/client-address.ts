import { isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { UNKNOWN_CLIENT } from '@paygate/http';
import type { AppEnv } from './app-env.ts';

// An IPv4 peer on a dual-stack socket reads as ::ffff:a.b.c.d; one address, one rate-limit key.
const normalize = (address: string): string => (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address) ? address.slice(7) : address);

const socketAddress = (c: Context): string | undefined => {
  // app.request() (tests) has no socket.
  const env = c.env as { incoming?: unknown } | undefined;
  if (!env?.incoming) return undefined;
  const { address } = getConnInfo(c).remote;
  return address ? normalize(address) : undefined;
};

/**
 * The client behind a trusted proxy: walking X-Forwarded-For from the right (the hop our proxy
 * appended), the first address that is not itself a trusted proxy. Anything left of it was
 * written by the client and is not believed.
 */
const forwardedClient = (peer: string, forwardedFor: string | undefined, trusted: ReadonlySet<string>): string => {
  const hops = (forwardedFor ?? '').split(',').map((hop) => normalize(hop.trim()));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) return peer;
    if (!trusted.has(hop)) return hop;
  }
  return peer;
};

export type ClientAddressOptions = {
  /**
   * Opt-in: addresses of reverse proxies whose X-Forwarded-For is believed. Empty (the default):
   * the socket's peer address is the client, whatever headers say, so no caller can pick the
   * address its rate limits are counted under.
   */
  trustedProxies?: readonly string[];
};

/** Sets `clientIp` for rate limits and logs: the socket's peer, or the client a trusted proxy names. */
export const resolveClientAddress = ({ trustedProxies = [] }: ClientAddressOptions = {}): MiddlewareHandler<AppEnv> => {
  const trusted = new Set(trustedProxies.map(normalize));
  return async (c, next) => {
    const peer = socketAddress(c);
    const address = peer !== undefined && trusted.has(peer) ? forwardedClient(peer, c.req.header('x-forwarded-for'), trusted) : peer;
    c.set('clientIp', address ?? UNKNOWN_CLIENT);
    await next();
  };
};

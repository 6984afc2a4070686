import { getConnInfo } from '@hono/node-server/conninfo';
import { createMiddleware } from 'hono/factory';
import { PayGateError } from '@paygate/domain';
import { isLoopbackHost } from '../config/index.ts';
import type { AppEnv } from '../http/index.ts';

const remoteAddressOf = (c: Parameters<typeof getConnInfo>[0]): string | undefined => {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // No socket (an in-memory request): nothing proves the caller is local.
    return undefined;
  }
};

/** IPv4-mapped loopback (::ffff:127.0.0.1) is what a dual-stack socket reports for 127.0.0.1. */
const isLoopbackAddress = (address: string | undefined): boolean =>
  address !== undefined && isLoopbackHost(address.replace(/^::ffff:/i, ''));

/**
 * Sandbox control routes (pay an invoice, act as a Telegram user) answer callers on this machine
 * only: even a sandbox exposed on purpose must not let a stranger drive it. The socket's address
 * is used, never X-Forwarded-For (any client can write it), and a relayed request is refused.
 */
export const loopbackOnly = createMiddleware<AppEnv>(async (c, next) => {
  // A request relayed by a proxy on this machine arrives from loopback but is not local.
  const relayed = c.req.header('x-forwarded-for') !== undefined || c.req.header('forwarded') !== undefined;
  if (relayed || !isLoopbackAddress(remoteAddressOf(c))) {
    throw new PayGateError('forbidden', 'sandbox control routes answer callers on this machine (loopback) only');
  }
  await next();
});

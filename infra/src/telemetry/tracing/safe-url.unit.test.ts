import { describe, expect, it } from 'vitest';
import { safeUrl } from './safe-url.ts';

describe('the URL a client span records', () => {
  it.each([
    ['the Bot API token', 'https://api.telegram.org', '/bot123456:AAH-secret_Token/sendMessage', 'https://api.telegram.org/bot[redacted]/sendMessage'],
    ['an RPC key in the path', 'https://mainnet.infura.io', '/v3/9aa3d95b3bc440fa88ea12eaa4456161', 'https://mainnet.infura.io/v3/[redacted]'],
    ['the query string', 'https://api.changenow.io', '/v2/exchange/by-id?id=abc&api_key=k', 'https://api.changenow.io/v2/exchange/by-id'],
    ['nothing else', 'http://127.0.0.1:3000', '/v1/payment/5077125051', 'http://127.0.0.1:3000/v1/payment/5077125051'],
  ])('takes out %s', (_what, origin, path, full) => {
    expect(safeUrl(origin, path).full).toBe(full);
  });

  it('drops user-info from the origin', () => {
    expect(safeUrl('https://user:pass@rpc.example', '/').full).toBe('https://rpc.example/');
  });
});

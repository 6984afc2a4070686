import { createHash } from 'node:crypto';
import type { TokenPair } from '../auth/index.ts';

const KEEP_MS = 10_000;

/**
 * One rotation per refresh token in this process. A browser that opens two pages at once after
 * its access cookie expired sends the same refresh cookie twice; rotating it twice would look
 * like reuse and end the session (RFC 9700), so the second request shares the first's result.
 */
export const createRefreshOnce = (refresh: (token: string) => Promise<TokenPair>, now: () => number = Date.now) => {
  const recent = new Map<string, { at: number; result: Promise<TokenPair> }>();
  return (token: string): Promise<TokenPair> => {
    const key = createHash('sha256').update(token).digest('hex');
    for (const [k, entry] of recent) if (now() - entry.at > KEEP_MS) recent.delete(k);
    const known = recent.get(key);
    if (known) return known.result;
    const result = refresh(token);
    recent.set(key, { at: now(), result });
    return result;
  };
};

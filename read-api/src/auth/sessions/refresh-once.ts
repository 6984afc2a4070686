import { createHash } from 'node:crypto';
import type { SessionPort } from './session-port.ts';

const KEEP_MS = 10_000;

/**
 * One rotation per refresh token in this process. A browser that opens two pages at once after
 * its access cookie expired sends the same refresh cookie twice; rotating it twice would look
 * like reuse and end the session (RFC 9700), so the second request shares the first's result.
 */
export const createRefreshOnce = <Result>(refresh: (token: string) => Promise<Result>, now: () => number = Date.now) => {
  const recent = new Map<string, { at: number; result: Promise<Result> }>();
  return (token: string): Promise<Result> => {
    const key = createHash('sha256').update(token).digest('hex');
    for (const [k, entry] of recent) if (now() - entry.at > KEEP_MS) recent.delete(k);
    const known = recent.get(key);
    if (known) return known.result;
    const result = refresh(token);
    recent.set(key, { at: now(), result });
    return result;
  };
};

/** The session port with refreshes made once per token: the API and the pages of one process share it. */
export const withSingleRotation = (sessions: SessionPort): SessionPort => ({ ...sessions, refresh: createRefreshOnce((token) => sessions.refresh(token)) });

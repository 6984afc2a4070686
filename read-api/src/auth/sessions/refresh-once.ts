import { createHash } from 'node:crypto';
import type { SessionPort } from './session-port.ts';

/** How long a finished rotation is shared: two pages a browser opened together, not a replay later. */
export const SHARED_ROTATION_MS = 2_000;

/**
 * One rotation per refresh token in this process. A browser that opens two pages at once after
 * its access cookie expired sends the same refresh cookie twice; rotating it twice would look
 * like reuse and end the session (RFC 9700), so a request arriving while the rotation runs, or
 * within 2 s after it succeeded, shares its result. Later, the spent token is reuse as usual; a
 * failure is never shared (the next request asks again).
 */
export const createRefreshOnce = <Result>(refresh: (token: string) => Promise<Result>, now: () => number = Date.now) => {
  const recent = new Map<string, { settledAt: number | undefined; result: Promise<Result> }>();
  const fresh = (entry: { settledAt: number | undefined }) => entry.settledAt === undefined || now() - entry.settledAt <= SHARED_ROTATION_MS;
  return (token: string): Promise<Result> => {
    const key = createHash('sha256').update(token).digest('hex');
    for (const [k, entry] of recent) if (!fresh(entry)) recent.delete(k);
    const known = recent.get(key);
    if (known) return known.result;
    const entry: { settledAt: number | undefined; result: Promise<Result> } = { settledAt: undefined, result: refresh(token) };
    recent.set(key, entry);
    entry.result.then(
      () => {
        entry.settledAt = now();
      },
      () => {
        if (recent.get(key) === entry) recent.delete(key);
      },
    );
    return entry.result;
  };
};

/** The session port with refreshes made once per token: the API and the pages of one process share it. */
export const withSingleRotation = (sessions: SessionPort): SessionPort => ({ ...sessions, refresh: createRefreshOnce((token) => sessions.refresh(token)) });

/**
 * Per-key sliding-window limits for actions that cost money or API calls (an invoice is a
 * NOWPayments call and an event; an admin check is a Bot API call). In memory: each bot process
 * limits what it handles, which bounds a single user's cost without a shared store.
 */
export type RateLimit = { limit: number; windowMs: number };

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export type RateLimiter = {
  /** Counts one action for `key` if the window allows it. */
  take(key: string): RateDecision;
};

export const createRateLimiter = ({ limit, windowMs }: RateLimit, clock: () => Date): RateLimiter => {
  if (!Number.isInteger(limit) || limit < 1 || !(windowMs > 0)) throw new RangeError('a rate limit needs limit >= 1 and windowMs > 0');
  const hits = new Map<string, number[]>();
  let lastSweep = 0;

  // Drop idle keys now and then so memory follows active users, not every user ever seen.
  const sweep = (now: number) => {
    if (now - lastSweep < windowMs) return;
    lastSweep = now;
    for (const [key, times] of hits) if ((times.at(-1) ?? 0) <= now - windowMs) hits.delete(key);
  };

  return {
    take(key) {
      const now = clock().getTime();
      sweep(now);
      const recent = (hits.get(key) ?? []).filter((time) => time > now - windowMs);
      if (recent.length >= limit) {
        hits.set(key, recent);
        return { allowed: false, retryAfterMs: recent[0]! + windowMs - now };
      }
      recent.push(now);
      hits.set(key, recent);
      return { allowed: true };
    },
  };
};

/** The limits the bot applies; each is per Telegram user. */
export type BotRateLimits = {
  /** Invoices (a NOWPayments call each). Default 5 a minute. */
  invoices: RateLimit;
  /** Owner actions that call the Bot API or append events (admin checks, tier changes). Default 20 a minute. */
  ownerActions: RateLimit;
};

export const DEFAULT_RATE_LIMITS: BotRateLimits = {
  invoices: { limit: 5, windowMs: 60_000 },
  ownerActions: { limit: 20, windowMs: 60_000 },
};

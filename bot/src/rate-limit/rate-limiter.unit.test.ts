import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.ts';

describe('rate limiter', () => {
  it('allows `limit` actions per window per key, then says how long to wait', () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000 }, () => new Date(now));
    expect([1, 2, 3].map(() => limiter.take('u1').allowed)).toEqual([true, true, true]);
    expect(limiter.take('u1')).toEqual({ allowed: false, retryAfterMs: 60_000 });
    expect(limiter.take('u2').allowed).toBe(true);
    now += 30_000;
    expect(limiter.take('u1')).toEqual({ allowed: false, retryAfterMs: 30_000 });
    now += 30_001;
    expect(limiter.take('u1').allowed).toBe(true);
  });

  it('slides: refused attempts do not extend the wait', () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000 }, () => new Date(now));
    expect(limiter.take('k').allowed).toBe(true);
    for (let i = 0; i < 5; i++) {
      now += 100;
      expect(limiter.take('k').allowed).toBe(false);
    }
    now = 1001;
    expect(limiter.take('k').allowed).toBe(true);
  });

  it('refuses nonsense limits', () => {
    expect(() => createRateLimiter({ limit: 0, windowMs: 1 }, () => new Date())).toThrow();
    expect(() => createRateLimiter({ limit: 1, windowMs: 0 }, () => new Date())).toThrow();
  });
});

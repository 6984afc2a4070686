import { describe, expect, it } from 'vitest';
import type { SweepSummary } from './expiry-sweep.ts';
import { startExpiryTimer } from './expiry-timer.ts';

const summary = (extra: Partial<SweepSummary> = {}): SweepSummary => ({ reminded: 0, revoked: 0, noticed: 0, skipped: 0, failed: 0, ...extra });

describe('startExpiryTimer', () => {
  it('sweeps at start and on the interval, one sweep at a time, with the clock it is given', async () => {
    const seen: Date[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const timer = startExpiryTimer({
      clock: () => new Date('2026-01-01T00:00:00Z'),
      intervalMs: 10,
      sweeper: {
        async sweepExpiries(now) {
          concurrent++;
          maxConcurrent = Math.max(maxConcurrent, concurrent);
          seen.push(now);
          await new Promise((resolve) => setTimeout(resolve, 5));
          concurrent--;
          return summary();
        },
      },
    });
    await Promise.all([timer.runNow(), timer.runNow()]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await timer.stop();
    const count = seen.length;
    expect(count).toBeGreaterThanOrEqual(2);
    expect(maxConcurrent).toBe(1);
    expect(seen[0]!.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(seen.length).toBe(count); // stopped
  });

  it('keeps going after a failed sweep and waits out a rate limit', async () => {
    let calls = 0;
    const summaries: SweepSummary[] = [];
    const timer = startExpiryTimer({
      clock: () => new Date(),
      intervalMs: 5,
      onSweep: (s) => summaries.push(s),
      sweeper: {
        async sweepExpiries() {
          calls++;
          if (calls === 1) throw new Error('database down');
          return summary({ rateLimitedForSeconds: 3600 });
        },
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await timer.stop();
    expect(calls).toBe(2); // the second sweep was rate limited: the next one waits an hour
    expect(summaries).toEqual([summary({ rateLimitedForSeconds: 3600 })]);
  });
});

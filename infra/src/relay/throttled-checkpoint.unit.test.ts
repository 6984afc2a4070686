import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GlobalPosition } from '@paygate/domain';
import { createThrottledCheckpoint } from './throttled-checkpoint.ts';

const at = (n: number): GlobalPosition => ({ commit: BigInt(n), prepare: BigInt(n) });

describe('throttled relay checkpoint', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('stores the first position at once, then at most once per interval, and the last one by a trailing write', async () => {
    const stored: bigint[] = [];
    const checkpoint = createThrottledCheckpoint(async (position) => void stored.push(position.commit), 1_000, () => undefined);
    await checkpoint.reached(at(1));
    await checkpoint.reached(at(2));
    await checkpoint.reached(at(3));
    expect(stored).toEqual([1n]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stored).toEqual([1n, 3n]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(stored).toEqual([1n, 3n]); // nothing new: nothing written
  });

  it('flush stores what is pending now; with nothing pending it writes nothing', async () => {
    const stored: bigint[] = [];
    const checkpoint = createThrottledCheckpoint(async (position) => void stored.push(position.commit), 1_000, () => undefined);
    await checkpoint.reached(at(1));
    await checkpoint.reached(at(2));
    await checkpoint.flush();
    await checkpoint.flush();
    expect(stored).toEqual([1n, 2n]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(stored).toEqual([1n, 2n]);
  });

  it('a failed trailing write is reported, and the next write still happens', async () => {
    const stored: bigint[] = [];
    const errors: unknown[] = [];
    let fail = false;
    const checkpoint = createThrottledCheckpoint(
      async (position) => {
        if (fail) throw new Error('database down');
        stored.push(position.commit);
      },
      1_000,
      (error) => void errors.push(error),
    );
    await checkpoint.reached(at(1));
    fail = true;
    await checkpoint.reached(at(2));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(errors).toHaveLength(1);
    fail = false;
    await checkpoint.reached(at(3));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(stored).toEqual([1n, 3n]);
  });
});

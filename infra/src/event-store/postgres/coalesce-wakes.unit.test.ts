import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesceWakes } from './coalesce-wakes.ts';

describe('coalesced wake-ups', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('commits within the delay wake each listener once; a later commit wakes them again', async () => {
    const wakes = coalesceWakes(5);
    let a = 0;
    let b = 0;
    wakes.add(() => a++);
    const stopB = wakes.add(() => b++);
    wakes.soon();
    wakes.soon();
    wakes.soon();
    expect([a, b]).toEqual([0, 0]);
    await vi.advanceTimersByTimeAsync(5);
    expect([a, b]).toEqual([1, 1]);
    stopB();
    wakes.soon();
    await vi.advanceTimersByTimeAsync(5);
    expect([a, b]).toEqual([2, 1]);
  });

  it('with no delay wakes at once; closed, it wakes nobody', async () => {
    const now = coalesceWakes(0);
    let n = 0;
    now.add(() => n++);
    now.soon();
    expect(n).toBe(1);
    const later = coalesceWakes(5);
    later.add(() => n++);
    later.soon();
    later.close();
    await vi.advanceTimersByTimeAsync(10);
    expect(n).toBe(1);
  });
});

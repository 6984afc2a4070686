import { describe, expect, it } from 'vitest';
import { createRefreshOnce, SHARED_ROTATION_MS } from './refresh-once.ts';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createRefreshOnce', () => {
  it('rotates a refresh token once when two pages present it at the same time', async () => {
    const rotated: string[] = [];
    const refreshOnce = createRefreshOnce(async (token) => {
      rotated.push(token);
      return `new-${rotated.length}`;
    });
    const [first, second] = await Promise.all([refreshOnce('r0'), refreshOnce('r0')]);
    expect(rotated).toEqual(['r0']);
    expect([first, second]).toEqual(['new-1', 'new-1']);
    // A different token is its own rotation.
    expect(await refreshOnce('r1')).toBe('new-2');
  });

  it('shares a finished rotation for 2 s only: later the spent token is presented again (and is reuse)', async () => {
    let now = 0;
    const rotated: string[] = [];
    const refreshOnce = createRefreshOnce(async (token) => {
      rotated.push(token);
      return rotated.length;
    }, () => now);
    expect(await refreshOnce('r0')).toBe(1);
    await settle();
    now = SHARED_ROTATION_MS;
    expect(await refreshOnce('r0')).toBe(1);
    now = SHARED_ROTATION_MS + 1;
    expect(await refreshOnce('r0')).toBe(2);
    expect(rotated).toEqual(['r0', 'r0']);
  });

  it('shares a refusal only while it runs: the next request asks again', async () => {
    let calls = 0;
    const refreshOnce = createRefreshOnce(async () => {
      calls++;
      throw new Error(`refused ${calls}`);
    });
    const both = await Promise.allSettled([refreshOnce('t'), refreshOnce('t')]);
    expect(both.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    await settle();
    await expect(refreshOnce('t')).rejects.toThrow('refused 2');
  });
});

import { describe, expect, it } from 'vitest';
import type { TokenPair } from '../login/index.ts';
import { createRefreshOnce } from './refresh-once.ts';

const pair = (n: number): TokenPair => ({ accessToken: `a${n}`, refreshToken: `r${n}`, expiresIn: 900, refreshExpiresAt: '2027-01-01T00:00:00.000Z' });

describe('createRefreshOnce', () => {
  it('rotates a refresh token once when two pages present it at the same time', async () => {
    let now = 0;
    const rotated: string[] = [];
    const refreshOnce = createRefreshOnce(async (token) => {
      rotated.push(token);
      return pair(rotated.length);
    }, () => now);
    const [first, second] = await Promise.all([refreshOnce('r0'), refreshOnce('r0')]);
    expect(rotated).toEqual(['r0']);
    expect(second).toEqual(first);
    // A different token is its own rotation; the same one after 10 s is presented again (and would be reuse).
    await refreshOnce('r1');
    now = 10_001;
    await refreshOnce('r0');
    expect(rotated).toEqual(['r0', 'r1', 'r0']);
  });

  it('shares a refusal too, so the second page does not present the token again', async () => {
    let calls = 0;
    const refreshOnce = createRefreshOnce(async () => {
      calls++;
      throw new Error('refused');
    });
    await expect(Promise.all([refreshOnce('spent'), refreshOnce('spent')])).rejects.toThrow('refused');
    expect(calls).toBe(1);
  });
});

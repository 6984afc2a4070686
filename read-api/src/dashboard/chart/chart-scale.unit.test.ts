import { describe, expect, it } from 'vitest';
import { axisTicks, niceStep, scaled } from './chart-scale.ts';

describe('chart scale', () => {
  it('picks 1, 2 or 5 × 10^k steps that cover the maximum in about four steps', () => {
    expect(niceStep(0n, 4)).toBe(1n);
    expect(niceStep(7n, 4)).toBe(2n);
    expect(niceStep(100n, 4)).toBe(50n);
    expect(niceStep(12_500_000n, 4)).toBe(5_000_000n);
    expect(axisTicks(12_500_000n)).toEqual([0n, 5_000_000n, 10_000_000n, 15_000_000n]);
    expect(axisTicks(0n)).toEqual([0n, 1n]);
  });

  it('steps exactly through amounts beyond 2^53 (18-decimal tokens)', () => {
    const max = 12_345_678_901_234_567_891n;
    const ticks = axisTicks(max);
    expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
    expect(ticks[1]).toBe(5_000_000_000_000_000_000n);
  });

  it('scales proportionally in bigint, clamped to the top', () => {
    const top = 4n * 10n ** 24n;
    expect(scaled(10n ** 24n, top, 200)).toBe(50);
    expect(scaled(top, top, 200)).toBe(200);
    expect(scaled(top * 2n, top, 200)).toBe(200);
    expect(scaled(0n, top, 200)).toBe(0);
    expect(scaled(5n, 0n, 200)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { createRestartBudget } from './restart-budget.ts';

describe('createRestartBudget', () => {
  it('allows max restarts within the window, refuses the next, and allows again once old ones leave it', () => {
    let now = 0;
    const budget = createRestartBudget({ max: 3, windowMs: 60_000, now: () => now });
    const takes = [0, 10_000, 20_000].map((at) => ((now = at), budget.take()));
    expect(takes).toEqual([true, true, true]);
    now = 59_999;
    expect(budget.take()).toBe(false);
    now = 60_000;
    expect(budget.take()).toBe(true);
    expect(budget.take()).toBe(false);
  });

  it('with max 0 never restarts', () => {
    expect(createRestartBudget({ max: 0, windowMs: 1_000 }).take()).toBe(false);
  });
});

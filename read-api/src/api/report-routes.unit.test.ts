import { describe, expect, it } from 'vitest';
import { isPayGateError } from '@paygate/domain';
import { revenueRange } from './report-routes.ts';

const day = (text: string) => new Date(`${text}T00:00:00.000Z`);
const kindOf = (run: () => unknown) => {
  try {
    run();
    return undefined;
  } catch (error) {
    return isPayGateError(error) ? error.kind : 'other';
  }
};

describe('revenueRange', () => {
  it('defaults to the 30 days through today (UTC), to exclusive', () => {
    const { from, to } = revenueRange({}, new Date('2026-12-07T15:47:00.000Z'));
    expect(to.toISOString()).toBe('2026-12-08T00:00:00.000Z');
    expect(from.toISOString()).toBe('2026-11-08T00:00:00.000Z');
  });

  it('keeps given dates and counts back 30 days from a given end', () => {
    expect(revenueRange({ from: day('2026-01-01'), to: day('2026-02-01') }, new Date()).from).toEqual(day('2026-01-01'));
    expect(revenueRange({ to: day('2026-03-01') }, new Date()).from).toEqual(day('2026-01-30'));
  });

  it('refuses an empty or reversed range and one over 1100 days', () => {
    expect(kindOf(() => revenueRange({ from: day('2026-01-02'), to: day('2026-01-02') }, new Date()))).toBe('validation');
    expect(kindOf(() => revenueRange({ from: day('2026-01-03'), to: day('2026-01-02') }, new Date()))).toBe('validation');
    expect(kindOf(() => revenueRange({ from: day('2023-01-01'), to: day('2026-01-10') }, new Date()))).toBe('validation');
    expect(kindOf(() => revenueRange({ from: day('2023-01-01'), to: day('2026-01-05') }, new Date()))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { testClock } from './test-clock.ts';

describe('testClock', () => {
  it('stands still until set or advanced', () => {
    const clock = testClock('2026-01-01T00:00:00.000Z');
    expect(clock().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    clock.advance(90_000);
    expect(clock().toISOString()).toBe('2026-01-01T00:01:30.000Z');
    clock.set('2026-02-01T00:00:00.000Z');
    expect(clock().toISOString()).toBe('2026-02-01T00:00:00.000Z');
  });

  it('refuses a time that is not one', () => {
    expect(() => testClock('soon')).toThrow(/not a timestamp/);
    expect(() => testClock().set('later')).toThrow(/not a timestamp/);
  });
});

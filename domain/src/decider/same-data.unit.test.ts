import { describe, expect, it } from 'vitest';
import { sameData, showData } from './same-data.ts';

describe('sameData', () => {
  it.each([
    [1n, 1n, true],
    [1n, 1, false],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [[1, { x: 'y' }], [1, { x: 'y' }], true],
    [[1], [1, 2], false],
    [[], {}, false],
    [new Map([['k', 1n]]), new Map([['k', 1n]]), true],
    [new Map([['k', 1n]]), new Map([['k', 2n]]), false],
    [new Set(['a']), new Set(['a']), true],
    [new Set(['a']), new Set(['b']), false],
    [null, {}, false],
    [Number.NaN, Number.NaN, true],
  ])('case %#', (a, b, expected) => {
    expect(sameData(a, b)).toBe(expected);
  });

  it('shows bigints readably', () => {
    expect(showData({ amount: 5n })).toContain('"5n"');
  });
});

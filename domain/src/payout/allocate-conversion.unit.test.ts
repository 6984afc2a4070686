import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateConversion } from './allocate-conversion.ts';

describe('micro-batch allocation', () => {
  it('splits by share, and the leftover units go to the largest remainders, ties to the smaller owner id', () => {
    // 100 units over shares 1:1:1 → 33.33 each: one unit left, the tie goes to owner "a".
    expect(allocateConversion([{ ownerId: 'b', amount: 1n }, { ownerId: 'a', amount: 1n }, { ownerId: 'c', amount: 1n }], 100n)).toEqual([
      { ownerId: 'b', amount: 33n },
      { ownerId: 'a', amount: 34n },
      { ownerId: 'c', amount: 33n },
    ]);
    // 10 units over 1:2:7 → 1, 2, 7 exactly.
    expect(allocateConversion([{ ownerId: 'a', amount: 1n }, { ownerId: 'b', amount: 2n }, { ownerId: 'c', amount: 7n }], 10n).map((a) => a.amount)).toEqual([1n, 2n, 7n]);
  });

  it('refuses what cannot be allocated', () => {
    expect(() => allocateConversion([], 5n)).toThrow(/at least one share/);
    expect(() => allocateConversion([{ ownerId: 'a', amount: 0n }], 5n)).toThrow(/positive/);
    expect(() => allocateConversion([{ ownerId: 'a', amount: 1n }, { ownerId: 'a', amount: 2n }], 5n)).toThrow(/one share per owner/);
    expect(() => allocateConversion([{ ownerId: 'a', amount: 1n }], -1n)).toThrow(/negative/);
  });

  it('property: allocations sum to the output exactly and each is within one unit of its exact share', () => {
    const shares = fc.uniqueArray(fc.record({ ownerId: fc.stringMatching(/^[0-9]{1,6}$/), amount: fc.bigInt({ min: 1n, max: 10n ** 30n }) }), {
      minLength: 1,
      maxLength: 40,
      selector: (share) => share.ownerId,
    });
    fc.assert(
      fc.property(shares, fc.bigInt({ min: 0n, max: 10n ** 36n }), (input, output) => {
        const allocations = allocateConversion(input, output);
        const total = input.reduce((sum, share) => sum + share.amount, 0n);
        expect(allocations.reduce((sum, a) => sum + a.amount, 0n)).toBe(output);
        allocations.forEach((allocation, index) => {
          // |allocation × total − output × share| < total  ⇔  within one unit of the exact share
          const difference = allocation.amount * total - output * input[index]!.amount;
          expect(difference < total && difference > -total).toBe(true);
          expect(allocation.amount >= 0n).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bumpedFee, bumpFees, withGasMargin } from './fee-bump.ts';

describe('bumpedFee', () => {
  it('raises by 12.5%, rounded up', () => {
    expect(bumpedFee(8n)).toBe(9n);
    expect(bumpedFee(9n)).toBe(11n); // 10.125 → 11
    expect(bumpedFee(2_000_000_000n)).toBe(2_250_000_000n);
    expect(bumpedFee(2_000_000_001n)).toBe(2_250_000_002n);
  });

  it('adds at least one wei where 12.5% rounds to nothing', () => {
    expect(bumpedFee(0n)).toBe(1n);
    expect(bumpedFee(1n)).toBe(2n);
  });

  it('is always ≥ 1.125 × previous and > previous, and the least such integer', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 30n }), (previous) => {
        const bumped = bumpedFee(previous);
        expect(bumped * 8n >= previous * 9n).toBe(true);
        expect(bumped > previous).toBe(true);
        expect((bumped - 1n) * 8n < previous * 9n || bumped - 1n <= previous).toBe(true);
      }),
    );
  });
});

describe('bumpFees', () => {
  it('takes today’s fees when they already outbid the previous transaction', () => {
    expect(bumpFees({ maxFeePerGas: 100n, maxPriorityFeePerGas: 10n }, { maxFeePerGas: 50n, maxPriorityFeePerGas: 2n })).toEqual({
      maxFeePerGas: 100n,
      maxPriorityFeePerGas: 10n,
    });
  });

  it('bumps each field independently over the previous transaction', () => {
    expect(bumpFees({ maxFeePerGas: 100n, maxPriorityFeePerGas: 1n }, { maxFeePerGas: 96n, maxPriorityFeePerGas: 8n })).toEqual({
      maxFeePerGas: 108n,
      maxPriorityFeePerGas: 9n,
    });
  });

  it('keeps the tip within the fee cap', () => {
    const fee = fc.bigInt({ min: 0n, max: 10n ** 24n });
    fc.assert(
      fc.property(fee, fee, fee, fee, (a, b, c, d) => {
        const current = { maxFeePerGas: a > b ? a : b, maxPriorityFeePerGas: a > b ? b : a };
        const previous = { maxFeePerGas: c > d ? c : d, maxPriorityFeePerGas: c > d ? d : c };
        const bumped = bumpFees(current, previous);
        expect(bumped.maxPriorityFeePerGas <= bumped.maxFeePerGas).toBe(true);
      }),
    );
  });
});

describe('withGasMargin', () => {
  it('adds 20%, rounded up', () => {
    expect(withGasMargin(50_000n)).toBe(60_000n);
    expect(withGasMargin(21_001n)).toBe(25_202n); // 25201.2 → 25202
    expect(withGasMargin(0n)).toBe(0n);
  });
});

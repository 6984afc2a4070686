import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money, CURRENCIES } from '../money/index.ts';
import { splitFee } from './split-fee.ts';

const gross = fc.tuple(fc.constantFrom(...CURRENCIES.keys()), fc.bigInt({ min: 0n, max: 10n ** 36n })).map(([code, amount]) => money(amount, code));
const bps = fc.integer({ min: 0, max: 10_000 });

describe('splitFee', () => {
  it('worked example (docs/payments.md): 49.212900 USDTTRC20 at 250 bps', () => {
    const { fee, ownerShare } = splitFee(money(49_212_900n, 'USDTTRC20'), 250);
    // 49212900 × 250 / 10000 = 1230322.5 → fee 1230322 (1.230322), owner 47982578 (47.982578)
    expect(fee).toEqual(money(1_230_322n, 'USDTTRC20'));
    expect(ownerShare).toEqual(money(47_982_578n, 'USDTTRC20'));
  });

  it.each([
    [0n, 250, 0n],
    [1n, 250, 0n],
    [39n, 250, 0n],
    [40n, 250, 1n],
    [1000n, 0, 0n],
    [1000n, 10_000, 1000n],
    [1n, 9_999, 0n],
  ])('gross %s at %s bps → fee %s', (amount, feeBps, fee) => {
    expect(splitFee(money(amount, 'USD'), feeBps).fee.amount).toBe(fee);
  });

  it.each([-1, 10_001, 2.5, Number.NaN])('refuses feeBps %s', (feeBps) => {
    expect(() => splitFee(money(100n, 'USD'), feeBps)).toThrow(expect.objectContaining({ kind: 'validation', message: expect.stringContaining('feeBps') }));
  });

  it('refuses a negative gross', () => {
    expect(() => splitFee(money(-1n, 'USD'), 100)).toThrow('negative');
  });
});

describe('splitFee properties', () => {
  it('gross = fee + ownerShare, in the same currency, both non-negative', () => {
    fc.assert(
      fc.property(gross, bps, (g, b) => {
        const { fee, ownerShare } = splitFee(g, b);
        expect(fee.amount + ownerShare.amount).toBe(g.amount);
        expect([fee.currency, fee.decimals, ownerShare.currency, ownerShare.decimals]).toEqual([g.currency, g.decimals, g.currency, g.decimals]);
        expect(fee.amount >= 0n && ownerShare.amount >= 0n).toBe(true);
      }),
    );
  });

  it('fee ≤ gross × bps / 10000 < fee + 1 (floor: owner-favourable)', () => {
    fc.assert(
      fc.property(gross, bps, (g, b) => {
        const { fee } = splitFee(g, b);
        const exact = g.amount * BigInt(b); // the exact fee is exact / 10000
        expect(fee.amount * 10_000n <= exact).toBe(true);
        expect(exact < (fee.amount + 1n) * 10_000n).toBe(true);
      }),
    );
  });

  it('is monotonic: more gross or more bps never lowers the fee, more gross never lowers the owner share', () => {
    fc.assert(
      fc.property(gross, fc.bigInt({ min: 0n, max: 10n ** 20n }), bps, bps, (g, more, b1, b2) => {
        const [low, high] = b1 <= b2 ? [b1, b2] : [b2, b1];
        const bigger = { ...g, amount: g.amount + more };
        expect(splitFee(bigger, low).fee.amount >= splitFee(g, low).fee.amount).toBe(true);
        expect(splitFee(bigger, low).ownerShare.amount >= splitFee(g, low).ownerShare.amount).toBe(true);
        expect(splitFee(g, high).fee.amount >= splitFee(g, low).fee.amount).toBe(true);
      }),
    );
  });
});

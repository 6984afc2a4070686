import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import { money } from '../money/index.ts';
import { splitDecider, type CalculateSplit, type ReverseSplit } from './split-decider.ts';
import { parseSplitEvent, type SplitEvent } from './split-events.ts';

const given = deciderSpec(splitDecider, { validateEvent: parseSplitEvent });
const at = '2026-01-02T00:00:00.000Z';
const calculate = (patch: Partial<CalculateSplit['data']> = {}): CalculateSplit => ({
  type: 'CalculateSplit',
  data: { paymentId: '5077125051', invoiceId: 'inv1', channelId: 'ch1', ownerId: '42', gross: money(49_212_900n, 'USDTTRC20'), feeBps: 250, calculatedAt: at, ...patch },
});
const usdt = (amount: string) => ({ amount, currency: 'USDTTRC20', decimals: 6 });
const calculated: SplitEvent = {
  type: 'SplitCalculated',
  data: {
    paymentId: '5077125051',
    invoiceId: 'inv1',
    channelId: 'ch1',
    ownerId: '42',
    gross: usdt('49212900'),
    feeBps: 250,
    fee: usdt('1230322'),
    ownerShare: usdt('47982578'),
    calculatedAt: at,
  },
};

describe('split', () => {
  it('calculates the split of a received payment', () => given([]).when(calculate()).then([calculated]));
  it('splits a payment once: a second calculation changes nothing', () => given([calculated]).when(calculate()).then([]));
  it('… even with another fee', () => given([calculated]).when(calculate({ feeBps: 500 })).then([]));
  it('ownerId is optional', () => {
    const { ownerId: _ownerId, ...data } = calculated.data;
    given([]).when(calculate({ ownerId: undefined })).then([{ type: 'SplitCalculated', data }]);
  });
  it('refuses an out-of-range fee', () => given([]).when(calculate({ feeBps: 10_001 })).thenThrows('validation', 'feeBps'));
  it('a stored split whose parts do not add up is rejected when read back', () => {
    expect(() => parseSplitEvent({ type: 'SplitCalculated', data: { ...calculated.data, fee: usdt('1230323') } })).toThrow('fee + ownerShare');
    expect(() => parseSplitEvent({ type: 'SplitCalculated', data: { ...calculated.data, fee: { ...usdt('1230322'), currency: 'TRX' } } })).toThrow(
      'fee + ownerShare',
    );
  });
});

describe('split: reversal after a refund', () => {
  const reverseCmd: ReverseSplit = { type: 'ReverseSplit', data: { paymentId: '5077125051', reason: 'refunded', reversedAt: '2026-01-05T00:00:00.000Z' } };
  const { feeBps: _feeBps, calculatedAt: _calculatedAt, ...amounts } = calculated.data;
  const reversed: SplitEvent = { type: 'SplitReversed', data: { ...amounts, reason: 'refunded', reversedAt: '2026-01-05T00:00:00.000Z' } };
  it('reverses the split whole: the same gross, fee and owner share', () => given([calculated]).when(reverseCmd).then([reversed]));
  it('reverses once: a redelivered refund changes nothing', () => given([calculated, reversed]).when(reverseCmd).then([]));
  it('a calculation after the reversal changes nothing', () => given([calculated, reversed]).when(calculate()).then([]));
  it('no split yet: a conflict, so the caller splits first', () => given([]).when(reverseCmd).thenThrows('conflict', 'no split to reverse'));
});

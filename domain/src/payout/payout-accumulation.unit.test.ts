import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import { money, moneyToJson } from '../money/index.ts';
import {
  parsePayoutAccumulationEvent,
  payoutAccumulationDecider,
  payoutAccumulationStreamId,
  type AccumulatePayout,
  type PayoutAccumulationEvent,
} from './payout-accumulation.ts';
import type { PayoutRelease } from './payout-release.ts';

const given = deciderSpec(payoutAccumulationDecider, { validateEvent: parsePayoutAccumulationEvent });
const at = '2026-01-02T00:00:00.000Z';
const usdt = (units: bigint) => money(units, 'USDTERC20');
const threshold = (usd = 50_00n): PayoutRelease => ({ kind: 'threshold', threshold: money(usd, 'USD') });
const INSTANT: PayoutRelease = { kind: 'instant' };
const accumulate = (paymentId: string, units: bigint, release: PayoutRelease = threshold()): AccumulatePayout => ({
  type: 'AccumulatePayout',
  data: { channelId: 'ch1', conversionId: paymentId, paymentIds: [paymentId], amount: usdt(units), release, accumulatedAt: at },
});
const accumulated = (paymentId: string, units: bigint, balance: bigint): PayoutAccumulationEvent => ({
  type: 'PayoutAccumulated',
  data: { channelId: 'ch1', conversionId: paymentId, paymentIds: [paymentId], amount: moneyToJson(usdt(units)), balance: moneyToJson(usdt(balance)), accumulatedAt: at },
});
const batch = (n: number, units: bigint, paymentIds: string[]): PayoutAccumulationEvent => ({
  type: 'BatchPayoutStarted',
  data: { channelId: 'ch1', payoutId: `ch1-usdterc20-${n}`, amount: moneyToJson(usdt(units)), paymentIds, startedAt: at },
});
const reached = (units: bigint, usd = 50_00n): PayoutAccumulationEvent => ({
  type: 'ThresholdReached',
  data: { channelId: 'ch1', balance: moneyToJson(usdt(units)), threshold: moneyToJson(money(usd, 'USD')), reachedAt: at },
});

describe('owner balance: instant strategy', () => {
  it('every share leaves at once in a payout of its own', () => {
    given([]).when(accumulate('p1', 5_000_000n, INSTANT)).then([accumulated('p1', 5_000_000n, 5_000_000n), batch(1, 5_000_000n, ['p1'])]);
    given([accumulated('p1', 5n, 5n), batch(1, 5n, ['p1'])])
      .when(accumulate('p2', 7n, INSTANT))
      .then([accumulated('p2', 7n, 7n), batch(2, 7n, ['p2'])]);
  });

  it('while payouts are blocked shares wait, and leave together when a wallet comes into force', () => {
    const blocked: PayoutRelease = { kind: 'blocked', reason: 'no_wallet' };
    given([]).when(accumulate('p1', 5n, blocked)).then([accumulated('p1', 5n, 5n)]);
    given([accumulated('p1', 5n, 5n), accumulated('p2', 7n, 12n)])
      .when({ type: 'ReleasePayout', data: { channelId: 'ch1', release: INSTANT, releasedAt: at } })
      .then([batch(1, 12n, ['p1', 'p2'])]);
  });

  it('a release with nothing in the balance does nothing', () => {
    given([accumulated('p1', 5n, 5n), batch(1, 5n, ['p1'])]).when({ type: 'ReleasePayout', data: { channelId: 'ch1', release: INSTANT, releasedAt: at } }).then([]);
  });
});

describe('owner balance: threshold strategy', () => {
  it('holds shares below the threshold, once per share', () => {
    given([]).when(accumulate('p1', 30_000_000n)).then([accumulated('p1', 30_000_000n, 30_000_000n)]);
    given([accumulated('p1', 30_000_000n, 30_000_000n)]).when(accumulate('p1', 30_000_000n)).then([]);
  });

  it('at the threshold (50.00 USD = 50,000,000 units of a 6-decimal stable coin) the whole balance starts one batch payout', () => {
    given([accumulated('p1', 30_000_000n, 30_000_000n)])
      .when(accumulate('p2', 20_000_000n))
      .then([accumulated('p2', 20_000_000n, 50_000_000n), reached(50_000_000n), batch(1, 50_000_000n, ['p1', 'p2'])]);
  });

  it('after a batch the balance starts again from zero, and the next batch has the next number', () => {
    const first = [accumulated('p1', 60_000_000n, 60_000_000n), batch(1, 60_000_000n, ['p1'])];
    given(first).when(accumulate('p2', 10_000_000n)).then([accumulated('p2', 10_000_000n, 10_000_000n)]);
    given([...first, accumulated('p2', 10_000_000n, 10_000_000n)])
      .when(accumulate('p3', 40_000_000n))
      .then([accumulated('p3', 40_000_000n, 50_000_000n), reached(50_000_000n), batch(2, 50_000_000n, ['p2', 'p3'])]);
  });

  it('a currency that is no stable coin leaves only on a market value in USD', () => {
    const eth = money(20_000_000_000_000_000n, 'ETH');
    const command = (balanceInUsd?: bigint): AccumulatePayout => ({
      type: 'AccumulatePayout',
      data: {
        channelId: 'ch1',
        conversionId: 'p1',
        paymentIds: ['p1'],
        amount: eth,
        release: { kind: 'threshold', threshold: money(50_00n, 'USD'), ...(balanceInUsd === undefined ? {} : { balanceInUsd: money(balanceInUsd, 'USD') }) },
        accumulatedAt: at,
      },
    });
    const [withoutValue] = payoutAccumulationDecider.decide(command(), payoutAccumulationDecider.initialState);
    expect(payoutAccumulationDecider.decide(command(), payoutAccumulationDecider.initialState)).toHaveLength(1);
    expect(withoutValue?.type).toBe('PayoutAccumulated');
    expect(payoutAccumulationDecider.decide(command(49_99n), payoutAccumulationDecider.initialState)).toHaveLength(1);
    expect(payoutAccumulationDecider.decide(command(62_41n), payoutAccumulationDecider.initialState).map((e) => e.type)).toEqual(['PayoutAccumulated', 'ThresholdReached', 'BatchPayoutStarted']);
  });

  it('refuses another currency than the balance, and nothing to hold', () => {
    given([accumulated('p1', 1n, 1n)]).when({ ...accumulate('p2', 1n), data: { ...accumulate('p2', 1n).data, amount: money(1n, 'USDCERC20') } }).thenThrows('validation', 'held in USDTERC20');
    given([]).when(accumulate('p1', 0n)).thenThrows('validation');
  });

  it('one stream per channel and currency', () => {
    expect(payoutAccumulationStreamId('ch1', 'USDTERC20')).toBe('payout-accumulation-ch1-usdterc20');
  });
});

describe('owner balance: a refund reverses a share', () => {
  const reverse = (paymentId: string, units: bigint) => ({
    type: 'ReversePayoutAccumulation' as const,
    data: { channelId: 'ch1', paymentId, share: usdt(units), reversedAt: at },
  });
  const reversed = (paymentId: string, units: bigint, balance: bigint): PayoutAccumulationEvent => ({
    type: 'PayoutAccumulationReversed',
    data: { channelId: 'ch1', paymentId, amount: moneyToJson(usdt(units)), balance: moneyToJson(usdt(balance)), reversedAt: at },
  });

  it('a share waiting under the threshold leaves the balance, and the next payout does not carry it', () => {
    const history = [accumulated('p1', 30_000_000n, 30_000_000n), accumulated('p2', 10_000_000n, 40_000_000n)];
    given(history).when(reverse('p1', 30_000_000n)).then([reversed('p1', 30_000_000n, 10_000_000n)]);
    given([...history, reversed('p1', 30_000_000n, 10_000_000n)])
      .when(accumulate('p3', 45_000_000n))
      .then([accumulated('p3', 45_000_000n, 55_000_000n), reached(55_000_000n), batch(1, 55_000_000n, ['p2', 'p3'])]);
  });

  it('once per payment', () => {
    given([accumulated('p1', 5n, 5n), reversed('p1', 5n, 0n)]).when(reverse('p1', 5n)).then([]);
  });

  it('a share already in a payout stays owed: nothing is taken back', () => {
    given([accumulated('p1', 5n, 5n), batch(1, 5n, ['p1'])]).when(reverse('p1', 5n)).then([]);
  });

  it('a reversal before the share was accumulated takes nothing and bars the share for good', () => {
    given([]).when(reverse('p1', 5n)).then([reversed('p1', 0n, 0n)]);
    given([reversed('p1', 0n, 0n)]).when(accumulate('p1', 5n, INSTANT)).then([]);
  });
});

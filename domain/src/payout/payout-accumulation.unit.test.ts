import { describe, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import { money, moneyToJson } from '../money/index.ts';
import { parsePayoutAccumulationEvent, payoutAccumulationDecider, type AccumulatePayout, type PayoutAccumulationEvent } from './payout-accumulation.ts';

const given = deciderSpec(payoutAccumulationDecider, { validateEvent: parsePayoutAccumulationEvent });
const at = '2026-01-02T00:00:00.000Z';
const usdt = (units: bigint) => money(units, 'USDTERC20');
const accumulate = (conversionId: string, units: bigint, threshold = money(50_00n, 'USD')): AccumulatePayout => ({
  type: 'AccumulatePayout',
  data: { channelId: 'ch1', conversionId, paymentIds: ['p1'], amount: usdt(units), threshold, accumulatedAt: at },
});
const accumulated = (conversionId: string, units: bigint, balance: bigint): PayoutAccumulationEvent => ({
  type: 'PayoutAccumulated',
  data: { channelId: 'ch1', conversionId, paymentIds: ['p1'], amount: moneyToJson(usdt(units)), balance: moneyToJson(usdt(balance)), accumulatedAt: at },
});

describe('threshold payouts', () => {
  it('holds shares below the threshold, once per conversion', () => {
    given([]).when(accumulate('c1', 30_000_000n)).then([accumulated('c1', 30_000_000n, 30_000_000n)]);
    given([accumulated('c1', 30_000_000n, 30_000_000n)]).when(accumulate('c1', 30_000_000n)).then([]);
  });

  it('at the threshold (50.00 USD = 50,000,000 units of a 6-decimal stable coin) the whole balance starts one batch payout', () => {
    const balance = moneyToJson(usdt(50_000_000n));
    given([accumulated('c1', 30_000_000n, 30_000_000n)])
      .when(accumulate('c2', 20_000_000n))
      .then([
        accumulated('c2', 20_000_000n, 50_000_000n),
        { type: 'ThresholdReached', data: { channelId: 'ch1', balance, threshold: moneyToJson(money(50_00n, 'USD')), reachedAt: at } },
        { type: 'BatchPayoutStarted', data: { channelId: 'ch1', payoutId: 'ch1-batch-1', amount: balance, startedAt: at } },
      ]);
  });

  it('after a batch the balance starts again from zero, and the next batch has the next number', () => {
    const first = [
      accumulated('c1', 60_000_000n, 60_000_000n),
      { type: 'BatchPayoutStarted', data: { channelId: 'ch1', payoutId: 'ch1-batch-1', amount: moneyToJson(usdt(60_000_000n)), startedAt: at } },
    ] as PayoutAccumulationEvent[];
    given(first).when(accumulate('c2', 10_000_000n)).then([accumulated('c2', 10_000_000n, 10_000_000n)]);
    given([...first, accumulated('c2', 10_000_000n, 10_000_000n)])
      .when(accumulate('c3', 40_000_000n, money(50_00n, 'USD')))
      .then([
        accumulated('c3', 40_000_000n, 50_000_000n),
        { type: 'ThresholdReached', data: { channelId: 'ch1', balance: moneyToJson(usdt(50_000_000n)), threshold: moneyToJson(money(50_00n, 'USD')), reachedAt: at } },
        { type: 'BatchPayoutStarted', data: { channelId: 'ch1', payoutId: 'ch1-batch-2', amount: moneyToJson(usdt(50_000_000n)), startedAt: at } },
      ]);
  });

  it('refuses another stable coin than the balance, and nothing to hold', () => {
    given([accumulated('c1', 1n, 1n)]).when({ ...accumulate('c2', 1n), data: { ...accumulate('c2', 1n).data, amount: money(1n, 'USDCERC20') } }).thenThrows('validation', 'held in USDTERC20');
    given([]).when(accumulate('c1', 0n)).thenThrows('validation');
  });
});

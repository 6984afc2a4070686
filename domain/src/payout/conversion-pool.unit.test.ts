import { describe, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import { money, moneyToJson } from '../money/index.ts';
import { conversionPoolDecider, parseConversionPoolEvent, type ConversionPoolEvent, type PoolShare } from './conversion-pool.ts';

const given = deciderSpec(conversionPoolDecider, { validateEvent: parseConversionPoolEvent });
const at = '2026-01-02T00:00:00.000Z';
const eth = (wei: bigint) => money(wei, 'ETH');
const MIN = money(25_00n, 'USD');
const pool = (channelId: string, paymentId: string, wei: bigint, valueCents?: bigint): PoolShare => ({
  type: 'PoolShare',
  data: { channelId, paymentId, amount: eth(wei), toCurrency: 'USDTERC20', ...(valueCents === undefined ? {} : { poolValueInUsd: money(valueCents, 'USD') }), minimumUsd: MIN, pooledAt: at },
});
const pooled = (channelId: string, paymentId: string, wei: bigint): ConversionPoolEvent => ({
  type: 'SharePooled',
  data: { channelId, paymentId, amount: moneyToJson(eth(wei)), pooledAt: at },
});

describe('conversion pool (micro-batching)', () => {
  it('pools shares below the minimum, once per payment', () => {
    given([]).when(pool('ch1', 'p1', 3n * 10n ** 15n, 9_36n)).then([pooled('ch1', 'p1', 3n * 10n ** 15n)]);
    given([pooled('ch1', 'p1', 3n * 10n ** 15n)]).when(pool('ch1', 'p1', 3n * 10n ** 15n, 9_36n)).then([]);
  });

  it('once the pool is worth the minimum, every pooled share of every channel leaves in one conversion', () => {
    const before = [pooled('ch1', 'p1', 3_000n), pooled('ch2', 'p2', 4_000n), pooled('ch1', 'p3', 1_000n)];
    given(before)
      .when(pool('ch2', 'p4', 2_000n, 25_00n))
      .then([
        pooled('ch2', 'p4', 2_000n),
        {
          type: 'ConversionStarted',
          data: {
            conversionId: 'conversion-eth-1',
            amount: moneyToJson(eth(10_000n)),
            toCurrency: 'USDTERC20',
            shares: [
              { channelId: 'ch1', paymentIds: ['p1', 'p3'], amount: moneyToJson(eth(4_000n)) },
              { channelId: 'ch2', paymentIds: ['p2', 'p4'], amount: moneyToJson(eth(6_000n)) },
            ],
            startedAt: at,
          },
        },
      ]);
  });

  it('after a conversion the pool starts empty and the next one has the next number', () => {
    const first = [pooled('ch1', 'p1', 5n), { type: 'ConversionStarted', data: { conversionId: 'conversion-eth-1', amount: moneyToJson(eth(5n)), toCurrency: 'USDTERC20', shares: [{ channelId: 'ch1', paymentIds: ['p1'], amount: moneyToJson(eth(5n)) }], startedAt: at } }] as ConversionPoolEvent[];
    given(first)
      .when(pool('ch3', 'p9', 7n, 30_00n))
      .then([
        pooled('ch3', 'p9', 7n),
        { type: 'ConversionStarted', data: { conversionId: 'conversion-eth-2', amount: moneyToJson(eth(7n)), toCurrency: 'USDTERC20', shares: [{ channelId: 'ch3', paymentIds: ['p9'], amount: moneyToJson(eth(7n)) }], startedAt: at } },
      ]);
  });

  it('without a market value the pool waits; another currency or nothing is refused', () => {
    given([]).when(pool('ch1', 'p1', 10n ** 18n)).then([pooled('ch1', 'p1', 10n ** 18n)]);
    given([pooled('ch1', 'p1', 1n)]).when({ ...pool('ch1', 'p2', 1n), data: { ...pool('ch1', 'p2', 1n).data, amount: money(1n, 'USDCERC20') } }).thenThrows('validation', 'the pool holds ETH');
    given([]).when(pool('ch1', 'p1', 0n)).thenThrows('validation');
  });
});

describe('conversion pool: a refund reverses a pooled share', () => {
  const reverse = (channelId: string, paymentId: string, wei: bigint) => ({ type: 'ReversePooledShare' as const, data: { channelId, paymentId, share: eth(wei), reversedAt: at } });
  const reversed = (channelId: string, paymentId: string, wei: bigint): ConversionPoolEvent => ({
    type: 'SharePoolReversed',
    data: { channelId, paymentId, amount: moneyToJson(eth(wei)), reversedAt: at },
  });

  it('a waiting share leaves the pool, once; the next conversion does not take it', () => {
    const before = [pooled('ch1', 'p1', 3_000n), pooled('ch2', 'p2', 4_000n)];
    given(before).when(reverse('ch1', 'p1', 3_000n)).then([reversed('ch1', 'p1', 3_000n)]);
    given([...before, reversed('ch1', 'p1', 3_000n)]).when(reverse('ch1', 'p1', 3_000n)).then([]);
    given([...before, reversed('ch1', 'p1', 3_000n)])
      .when(pool('ch2', 'p4', 2_000n, 25_00n))
      .then([
        pooled('ch2', 'p4', 2_000n),
        {
          type: 'ConversionStarted',
          data: { conversionId: 'conversion-eth-1', amount: moneyToJson(eth(6_000n)), toCurrency: 'USDTERC20', shares: [{ channelId: 'ch2', paymentIds: ['p2', 'p4'], amount: moneyToJson(eth(6_000n)) }], startedAt: at },
        },
      ]);
  });

  it('a share not pooled yet is barred; a converted one stays owed (nothing recorded)', () => {
    given([]).when(reverse('ch1', 'p1', 5n)).then([reversed('ch1', 'p1', 0n)]);
    given([reversed('ch1', 'p1', 0n)]).when(pool('ch1', 'p1', 5n, 9_00n)).then([]);
    const converted = [pooled('ch1', 'p1', 5n), { type: 'ConversionStarted', data: { conversionId: 'conversion-eth-1', amount: moneyToJson(eth(5n)), toCurrency: 'USDTERC20', shares: [{ channelId: 'ch1', paymentIds: ['p1'], amount: moneyToJson(eth(5n)) }], startedAt: at } }] as ConversionPoolEvent[];
    given(converted).when(reverse('ch1', 'p1', 5n)).then([]);
  });
});

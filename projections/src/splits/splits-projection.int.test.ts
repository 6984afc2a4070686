import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money, splitDecider } from '@paygate/domain';
import { LIVE, startProjectionHarness, type ProjectionHarness } from '../test-support/projection-harness.ts';
import { findSplit, listInvoiceSplits } from './split-queries.ts';
import { splitsProjection } from './splits-projection.ts';

let h: ProjectionHarness;
beforeAll(async () => {
  h = await startProjectionHarness(splitsProjection, 'paygate_proj_splits');
});
afterAll(() => h?.close());

/** SplitCalculated as the split decider makes it. */
const split = (paymentId: string, invoiceId: string, grossUnits: bigint, feeBps: number, ownerId?: string) =>
  splitDecider.decide(
    {
      type: 'CalculateSplit',
      data: { paymentId, invoiceId, channelId: 'ch1', ...(ownerId ? { ownerId } : {}), gross: money(grossUnits, 'USDTTRC20'), feeBps, calculatedAt: '2026-01-02T00:00:00.000Z' },
    },
    splitDecider.initialState,
  );
const usdt = (amount: bigint) => ({ amount, currency: 'USDTTRC20', decimals: 6 });

describe('splits projection', () => {
  it('the fee and owner share of a payment, exactly', async () => {
    await h.append({ 'split-5001': split('5001', 'inv_1', 12_439_990n, 500, '1001') });
    expect(await findSplit(h.db, LIVE, '5001')).toEqual({
      paymentId: '5001',
      invoiceId: 'inv_1',
      channelId: 'ch1',
      ownerId: '1001',
      gross: usdt(12_439_990n),
      feeBps: 500,
      fee: usdt(621_999n),
      ownerShare: usdt(11_817_991n),
      calculatedAt: '2026-01-02T00:00:00.000Z',
    });
  });

  it('a payment is split once: a second SplitCalculated for it (another fee) changes nothing', async () => {
    await h.append({ 'split-5001-copy': split('5001', 'inv_1', 12_439_990n, 700, '1001') });
    expect(await findSplit(h.db, LIVE, '5001')).toMatchObject({ feeBps: 500 });
  });

  it("an invoice's splits by payment id; a split without an owner keeps none", async () => {
    await h.append({ 'split-5003': split('5003', 'inv_1', 1_000_000n, 0), 'split-5002': split('5002', 'inv_1', 2_000_000n, 10_000, '1001') });
    const splits = await listInvoiceSplits(h.db, LIVE, 'inv_1');
    expect(splits.map((s) => [s.paymentId, s.ownerId, s.fee.amount, s.ownerShare.amount])).toEqual([
      ['5001', '1001', 621_999n, 11_817_991n],
      ['5002', '1001', 2_000_000n, 0n],
      ['5003', null, 0n, 1_000_000n],
    ]);
    expect(await listInvoiceSplits(h.db, LIVE, 'inv_nope')).toEqual([]);
  });

  it('rebuilt from event 0 it equals the live read model, row for row', async () => {
    expect(await h.rebuildDifferences()).toEqual([]);
  });
});

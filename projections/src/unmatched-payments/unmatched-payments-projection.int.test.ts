import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unmatchedPaymentDecider, type PaymentNotice } from '@paygate/domain';
import { notice } from '@paygate/testkit/fixtures';
import { LIVE, startProjectionHarness, type ProjectionHarness } from '../test-support/projection-harness.ts';
import { findUnmatchedPayment } from './unmatched-payment-queries.ts';
import { unmatchedPaymentsProjection } from './unmatched-payments-projection.ts';

let h: ProjectionHarness;
beforeAll(async () => {
  h = await startProjectionHarness(unmatchedPaymentsProjection, 'paygate_proj_unmatched');
});
afterAll(() => h?.close());

/** UnmatchedPaymentRecorded as the unmatched-payment decider makes it. */
const unmatched = (orderId: string | null, paymentId: string, status: PaymentNotice['status'], receivedAt: string, patch: Partial<PaymentNotice> = {}) =>
  unmatchedPaymentDecider.decide(
    { type: 'RecordUnmatchedPayment', data: { notice: { ...notice('x', paymentId, status, patch), orderId, receivedAt } } },
    unmatchedPaymentDecider.initialState,
  );

describe('unmatched payments projection', () => {
  it('one row per payment: every status seen, the latest amounts, the first order id', async () => {
    await h.append({
      'unmatched-payment-6001': [
        ...unmatched('inv_gone', '6001', 'waiting', '2026-01-01T00:00:00.000Z', { outcomeAmount: null, outcomeCurrency: null }),
        ...unmatched(null, '6001', 'finished', '2026-01-01T00:05:00.000Z'),
      ],
    });
    expect(await findUnmatchedPayment(h.db, LIVE, '6001')).toMatchObject({
      paymentId: '6001',
      orderId: 'inv_gone',
      status: 'finished',
      statuses: ['waiting', 'finished'],
      reported: { priceAmount: '12.5', priceCurrency: 'USD', actuallyPaid: '12.502501', payCurrency: 'USDTTRC20', outcomeAmount: '12.43999', outcomeCurrency: 'USDTTRC20' },
      firstRecordedAt: '2026-01-01T00:00:00.000Z',
      lastRecordedAt: '2026-01-01T00:05:00.000Z',
    });
    expect(await findUnmatchedPayment(h.db, LIVE, 'nope')).toBeUndefined();
  });

  it('other payments have rows of their own', async () => {
    await h.append({ 'unmatched-payment-6002': unmatched(null, '6002', 'waiting', '2026-01-01T01:00:00.000Z') });
    expect(await findUnmatchedPayment(h.db, LIVE, '6002')).toMatchObject({ orderId: null, statuses: ['waiting'] });
    expect(await findUnmatchedPayment(h.db, LIVE, '6001')).toMatchObject({ statuses: ['waiting', 'finished'] });
  });

  it('rebuilt from event 0 it equals the live read model, row for row', async () => {
    expect(await h.rebuildDifferences()).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceEvents, invoiceOf, paymentEvents } from '@paygate/testkit/fixtures';
import { LIVE, startProjectionHarness, type ProjectionHarness } from '../test-support/projection-harness.ts';
import { findPayment, listInvoicePayments, listPayments } from './payment-queries.ts';
import { paymentsProjection } from './payments-projection.ts';

// The payments read model fed live from the in-memory store, with the payment decider's own
// events; payments-projection.int.test.ts covers held payments event by event.

let h: ProjectionHarness;
beforeAll(async () => {
  h = await startProjectionHarness(paymentsProjection, 'paygate_proj_payments');
  await h.append({ 'invoice-inv_1': invoiceEvents(purchase), 'invoice-inv_2': invoiceEvents({ ...purchase, invoiceId: 'inv_2' }) });
});
afterAll(() => h?.close());

const purchase = { invoiceId: 'inv_1', channelId: 'ch1', subscriberId: '777' };
const inv1 = invoiceOf(purchase);
const inv2 = invoiceOf({ ...purchase, invoiceId: 'inv_2' });
const usdt = (amount: bigint) => ({ amount, currency: 'USDTTRC20', decimals: 6 });

describe('payments projection', () => {
  it('a payment moving through its statuses to received, with the settled amounts', async () => {
    await h.append({ 'payment-5001': paymentEvents(inv1, '5001', ['waiting'], '2026-01-01T00:01:00.000Z') });
    expect(await findPayment(h.db, LIVE, '5001')).toMatchObject({ status: 'waiting', outcome: null, received: null, firstSeenAt: '2026-01-01T00:01:00.000Z' });
    await h.append({ 'payment-5001': paymentEvents(inv1, '5001', ['finished'], '2026-01-01T00:02:00.000Z') });
    expect(await findPayment(h.db, LIVE, '5001')).toMatchObject({
      paymentId: '5001',
      invoiceId: 'inv_1',
      channelId: 'ch1',
      tierId: 'monthly',
      subscriberId: '777',
      status: 'finished',
      outcome: 'received',
      price: { amount: 1250n, currency: 'USD', decimals: 2 },
      reported: { priceAmount: '12.5', priceCurrency: 'USD', actuallyPaid: '12.502501', payCurrency: 'USDTTRC20', outcomeAmount: '12.43999', outcomeCurrency: 'USDTTRC20' },
      received: { actuallyPaid: usdt(12_502_501n), outcome: usdt(12_439_990n) },
      conflicts: 0,
      firstSeenAt: '2026-01-01T00:01:00.000Z',
      updatedAt: '2026-01-01T00:02:00.000Z',
    });
  });

  it('an unordered status is counted as a conflict, never applied', async () => {
    await h.append({ 'payment-5001': paymentEvents(inv1, '5001', ['finished', 'failed'], '2026-01-01T00:03:00.000Z').slice(-1) });
    expect(await findPayment(h.db, LIVE, '5001')).toMatchObject({ status: 'finished', outcome: 'received', conflicts: 1 });
  });

  it('underpaid and mismatched payments record their outcome', async () => {
    await h.append({
      'payment-5002': paymentEvents(inv2, '5002', ['partially_paid'], '2026-01-01T00:04:00.000Z'),
      'payment-5003': paymentEvents(inv2, '5003', ['finished'], '2026-01-01T00:05:00.000Z', { priceAmount: '5' }),
    });
    expect(await findPayment(h.db, LIVE, '5002')).toMatchObject({ status: 'partially_paid', outcome: 'underpaid', received: null });
    expect(await findPayment(h.db, LIVE, '5003')).toMatchObject({ status: 'finished', outcome: 'mismatched', received: null });
    expect((await listInvoicePayments(h.db, LIVE, 'inv_2')).map((p) => p.paymentId)).toEqual(['5002', '5003']);
  });

  it('lists newest change first, in keyset pages that neither repeat nor skip; filters; bounded page size', async () => {
    const first = await listPayments(h.db, LIVE, { limit: 2 });
    expect(first.items.map((p) => p.paymentId)).toEqual(['5003', '5002']);
    const second = await listPayments(h.db, LIVE, { limit: 2, after: first.next! });
    expect(second.items.map((p) => p.paymentId)).toEqual(['5001']);
    expect(second.next).toBeUndefined();
    expect((await listPayments(h.db, LIVE, { invoiceId: 'inv_1' })).items.map((p) => p.paymentId)).toEqual(['5001']);
    expect((await listPayments(h.db, LIVE, { status: 'partially_paid', channelId: 'ch1' })).items.map((p) => p.paymentId)).toEqual(['5002']);
    await expect(listPayments(h.db, LIVE, { limit: 101 })).rejects.toMatchObject({ kind: 'validation' });
    await expect(listPayments(h.db, LIVE, { limit: 0 })).rejects.toMatchObject({ kind: 'validation' });
  });

  it('rebuilt from event 0 it equals the live read model, row for row', async () => {
    expect(await h.rebuildDifferences()).toEqual([]);
  });
});

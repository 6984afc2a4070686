import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceEvents, invoiceOf, paymentEvents } from '@paygate/testkit/fixtures';
import { LIVE, startProjectionHarness, type ProjectionHarness } from '../test-support/projection-harness.ts';
import { findInvoice } from './invoice-queries.ts';
import { invoicesProjection } from './invoices-projection.ts';

let h: ProjectionHarness;
beforeAll(async () => {
  h = await startProjectionHarness(invoicesProjection, 'paygate_proj_invoices');
});
afterAll(() => h?.close());

const purchase = { invoiceId: 'inv_1', channelId: 'ch1', subscriberId: '777', at: '2026-01-01T00:00:00.000Z' };
const invoice = invoiceOf(purchase);
const linked = { type: 'InvoiceLinked', data: { invoiceId: 'inv_1', providerInvoiceId: '4522625843', invoiceUrl: 'https://nowpayments.io/payment/?iid=4522625843', linkedAt: '2026-01-01T00:00:05.000Z' } };

describe('invoices projection', () => {
  it('a created invoice copies its price; the NOWPayments link follows', async () => {
    await h.append({ 'invoice-inv_1': invoiceEvents(purchase) });
    expect(await findInvoice(h.db, LIVE, 'inv_1')).toEqual({
      invoiceId: 'inv_1',
      channelId: 'ch1',
      tierId: 'monthly',
      purpose: 'subscription',
      subscriberId: '777',
      price: { amount: 1250n, currency: 'USD', decimals: 2 },
      durationDays: 30,
      createdAt: '2026-01-01T00:00:00.000Z',
      provider: null,
      paymentStatus: null,
      paymentIds: [],
      paid: false,
      paidPaymentId: null,
      paidAt: null,
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    await h.append({ 'invoice-inv_1': [linked] });
    expect(await findInvoice(h.db, LIVE, 'inv_1')).toMatchObject({
      provider: { invoiceId: '4522625843', url: linked.data.invoiceUrl, linkedAt: '2026-01-01T00:00:05.000Z' },
      updatedAt: '2026-01-01T00:00:05.000Z',
    });
  });

  it('statuses of its payment, then paid by the first PaymentReceived', async () => {
    await h.append({ 'payment-5001': paymentEvents(invoice, '5001', ['waiting', 'confirming'], '2026-01-01T00:01:00.000Z') });
    expect(await findInvoice(h.db, LIVE, 'inv_1')).toMatchObject({ paymentStatus: 'confirming', paymentIds: ['5001'], paid: false });
    await h.append({ 'payment-5001': paymentEvents(invoice, '5001', ['finished'], '2026-01-01T00:02:00.000Z') });
    expect(await findInvoice(h.db, LIVE, 'inv_1')).toMatchObject({
      paymentStatus: 'finished',
      paymentIds: ['5001'],
      paid: true,
      paidPaymentId: '5001',
      paidAt: '2026-01-01T00:02:00.000Z',
    });
  });

  it('once paid, another payment of it neither hides that nor takes the payment over', async () => {
    await h.append({ 'payment-5002': paymentEvents(invoice, '5002', ['waiting', 'finished'], '2026-01-01T00:03:00.000Z') });
    expect(await findInvoice(h.db, LIVE, 'inv_1')).toMatchObject({ paymentStatus: 'finished', paymentIds: ['5001', '5002'], paidPaymentId: '5001', paidAt: '2026-01-01T00:02:00.000Z' });
  });

  it('a payment of an invoice it has no row for changes nothing', async () => {
    const other = invoiceOf({ ...purchase, invoiceId: 'inv_unknown' });
    await h.append({ 'payment-6001': paymentEvents(other, '6001', ['finished']) });
    expect(await findInvoice(h.db, LIVE, 'inv_unknown')).toBeUndefined();
  });

  it('a donation invoice: the donation tier id, the donor, no duration; paid by its DonationReceived', async () => {
    const donation = { invoiceId: 'don_1', channelId: 'ch1', donorId: '778', amount: { amount: '500', currency: 'USD', decimals: 2 }, showName: false, createdAt: '2026-01-01T00:00:00.000Z' };
    await h.append({ 'invoice-don_1': [{ type: 'DonationInvoiceCreated', data: donation }] });
    // Anonymous: the donor's id is not shown (it stays in the log for auditors).
    expect(await findInvoice(h.db, LIVE, 'don_1')).toMatchObject({ tierId: 'donation', purpose: 'donation', subscriberId: null, durationDays: 0, paid: false });
    const named = { ...donation, invoiceId: 'don_2', showName: true, donorName: 'Dana' };
    await h.append({ 'invoice-don_2': [{ type: 'DonationInvoiceCreated', data: named }] });
    expect(await findInvoice(h.db, LIVE, 'don_2')).toMatchObject({ purpose: 'donation', subscriberId: '778' });
    const usdt = (amount: string) => ({ amount, currency: 'USDTTRC20', decimals: 6 });
    const received = { paymentId: '7001', invoiceId: 'don_1', channelId: 'ch1', donorId: '778', amount: donation.amount, actuallyPaid: usdt('5000000'), outcome: usdt('4950000'), showName: false, receivedAt: '2026-01-01T00:04:00.000Z' };
    await h.append({ 'payment-7001': [{ type: 'DonationReceived', data: received }] });
    expect(await findInvoice(h.db, LIVE, 'don_1')).toMatchObject({ paid: true, paidPaymentId: '7001', paidAt: '2026-01-01T00:04:00.000Z' });
  });

  it("a real tier whose id is 'donation' (made before the id was reserved) is a subscription invoice", async () => {
    // Written as such a log holds it: the decider refuses that tier id now.
    const price = { amount: '1250', currency: 'USD', decimals: 2 };
    const legacy = { invoiceId: 'inv_legacy', channelId: 'ch1', tierId: 'donation', subscriberId: '777', price, durationDays: 30, createdAt: purchase.at };
    await h.append({ 'invoice-inv_legacy': [{ type: 'InvoiceCreated', data: legacy }] });
    expect(await findInvoice(h.db, LIVE, 'inv_legacy')).toMatchObject({ tierId: 'donation', purpose: 'subscription', durationDays: 30 });
  });

  it('rebuilt from event 0 it equals the live read model, row for row', async () => {
    expect(await h.rebuildDifferences()).toEqual([]);
  });
});

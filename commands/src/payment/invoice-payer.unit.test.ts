import { describe, expect, it } from 'vitest';
import type { EventStore, IpnNotice } from '@paygate/domain';
import { createInMemoryEventStore } from '@paygate/testkit';
import { recordIpn } from './record-ipn.ts';
import { reviewHeldPayment } from './review-held-payment.ts';

const clock = () => new Date('2026-01-02T00:00:00.000Z');
const FIRST = '5077000001';
const SECOND = '5077000002';

const finished = (paymentId: string, patch: Partial<IpnNotice> = {}): IpnNotice => ({
  paymentId,
  orderId: 'inv1',
  status: 'finished',
  priceAmount: '12.5',
  priceCurrency: 'usd',
  payAmount: '12.5',
  actuallyPaid: '12.5',
  payCurrency: 'usdttrc20',
  outcomeAmount: '12.43',
  outcomeCurrency: 'usdttrc20',
  ...patch,
});
const far = { actuallyPaid: '1.25', outcomeAmount: '1.24' }; // 90 % short: held for review

/** One invoice for 12.50 USD, and the handlers an IPN and an operator go through. */
const world = async () => {
  const eventStore = createInMemoryEventStore();
  const invoice = { invoiceId: 'inv1', channelId: 'ch1', tierId: 'monthly', subscriberId: '7', price: { amount: '1250', currency: 'USD', decimals: 2 }, durationDays: 30, createdAt: clock().toISOString() };
  await eventStore.append('invoice-inv1', [{ id: crypto.randomUUID(), type: 'InvoiceCreated', data: invoice }]);
  const types = async (streamId: string) => (await eventStore.readStream(streamId)).map((event) => event.type);
  return { eventStore, ipn: recordIpn({ eventStore, clock }), review: reviewHeldPayment({ eventStore, clock }), types };
};
const payers = async (eventStore: EventStore) =>
  (await eventStore.readStream('invoice-inv1')).filter((event) => event.type === 'InvoicePaid').map((event) => (event.data as { paymentId: string }).paymentId);
const release = (paymentId: string) => ({ decision: 'release' as const, paymentId, decidedBy: 'ops-anna', note: 'topped up off-platform' });

describe('a second payment of a paid invoice', () => {
  it('the first payment pays the invoice; the second is InvoicePaidTwice (no grant), and its IPN again changes nothing', async () => {
    const { eventStore, ipn, types } = await world();
    expect((await ipn(finished(FIRST))).eventTypes).toEqual(['PaymentStatusRecorded', 'PaymentReceived']);
    expect(await payers(eventStore)).toEqual([FIRST]);
    expect((await ipn(finished(SECOND))).eventTypes).toEqual(['PaymentStatusRecorded', 'InvoicePaidTwice']);
    expect((await ipn(finished(SECOND))).outcome).toBe('duplicate');
    expect((await ipn(finished(FIRST))).outcome).toBe('duplicate');
    expect(await types(`payment-${SECOND}`)).toEqual(['PaymentStatusRecorded', 'InvoicePaidTwice']);
    const [twice] = (await eventStore.readStream(`payment-${SECOND}`)).filter((event) => event.type === 'InvoicePaidTwice');
    expect(twice!.data).toMatchObject({ paymentId: SECOND, outcome: { amount: '12430000' }, paidBy: { paymentId: FIRST, outcome: { amount: '12430000' } } });
    expect(await payers(eventStore)).toEqual([FIRST]);
  });

  it('two payments finishing at once: exactly one is received, the other is paid twice', async () => {
    const { eventStore, ipn } = await world();
    const outcomes = await Promise.all([ipn(finished(FIRST)), ipn(finished(SECOND))]);
    expect(outcomes.map((outcome) => outcome.eventTypes.at(-1)).sort()).toEqual(['InvoicePaidTwice', 'PaymentReceived']);
    const winner = outcomes.find((outcome) => outcome.eventTypes.includes('PaymentReceived'))!.paymentId;
    expect(await payers(eventStore)).toEqual([winner]);
  });

  it('a payer recorded before a crash, its grant not yet: the retried IPN grants', async () => {
    const { eventStore, ipn } = await world();
    const usdt = (amount: string) => ({ amount, currency: 'USDTTRC20', decimals: 6 });
    const paid = { invoiceId: 'inv1', paymentId: FIRST, actuallyPaid: usdt('12500000'), outcome: usdt('12430000'), paidAt: clock().toISOString() };
    await eventStore.append('invoice-inv1', [{ id: crypto.randomUUID(), type: 'InvoicePaid', data: paid }]);
    expect((await ipn(finished(FIRST))).eventTypes).toEqual(['PaymentStatusRecorded', 'PaymentReceived']);
    expect(await payers(eventStore)).toEqual([FIRST]);
  });

  it('a payment that grants nothing does not pay the invoice (finished after expired, a mismatched price)', async () => {
    const { eventStore, ipn } = await world();
    await ipn({ ...finished(FIRST), status: 'expired' });
    expect((await ipn(finished(FIRST))).eventTypes).toEqual(['PaymentStatusConflicted']);
    expect((await ipn(finished('5077000003', { priceAmount: '1' }))).eventTypes).toEqual(['PaymentStatusRecorded', 'PaymentMismatched']);
    expect(await payers(eventStore)).toEqual([]);
    expect((await ipn(finished(SECOND))).eventTypes).toEqual(['PaymentStatusRecorded', 'PaymentReceived']);
  });

  it('a held payment pays nothing until released; released, it pays the invoice, and a later payment is paid twice', async () => {
    const { eventStore, ipn, review } = await world();
    expect((await ipn(finished(FIRST, far))).eventTypes).toEqual(['PaymentStatusRecorded', 'PaymentHeldForReview']);
    expect(await payers(eventStore)).toEqual([]);
    expect((await review(release(FIRST))).eventTypes).toEqual(['PaymentHoldReleased', 'PaymentReceived']);
    expect(await payers(eventStore)).toEqual([FIRST]);
    expect((await ipn(finished(SECOND))).eventTypes).toEqual(['PaymentStatusRecorded', 'InvoicePaidTwice']);
  });

  it('a held payment whose invoice another payment paid meanwhile cannot be released (it can be rejected)', async () => {
    const { eventStore, ipn, review, types } = await world();
    await ipn(finished(FIRST, far));
    expect((await ipn(finished(SECOND))).eventTypes).toEqual(['PaymentStatusRecorded', 'PaymentReceived']);
    await expect(review(release(FIRST))).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining(`paid meanwhile by payment ${SECOND}`) });
    expect(await types(`payment-${FIRST}`)).toEqual(['PaymentStatusRecorded', 'PaymentHeldForReview']);
    expect((await review({ ...release(FIRST), decision: 'reject' })).eventTypes).toEqual(['PaymentHoldRejected']);
    expect(await payers(eventStore)).toEqual([SECOND]);
  });
});

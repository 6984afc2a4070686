import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@paygate/domain';
import { foldRows } from '../rows/index.ts';
import { paymentsProjection } from './payments-projection.ts';

// The payments read model as a pure fold: given these events, the rows are these.
let position = 0n;
const event = (type: string, data: unknown): RecordedEvent => {
  position += 1n;
  return { id: `e${position}`, type, data, metadata: {}, streamId: 'x', streamRevision: 0n, position: { commit: position, prepare: 0n }, recordedAt: new Date() };
};
const at = '2026-01-02T00:00:00.000Z';
const price = { amount: '1250', currency: 'USD', decimals: 2 };
const usdt = (units: string) => ({ amount: units, currency: 'USDTTRC20', decimals: 6 });
const ref = { paymentId: 'pay-1', invoiceId: 'inv-1', channelId: 'ch-1', tierId: 'monthly', subscriberId: '7', receivedAt: at };
const invoiceCreated = event('InvoiceCreated', { invoiceId: 'inv-1', channelId: 'ch-1', tierId: 'monthly', subscriberId: '7', price, durationDays: 30, createdAt: at });
const status = (value: string, patch: Record<string, unknown> = {}) =>
  event('PaymentStatusRecorded', {
    paymentId: 'pay-1',
    invoiceId: 'inv-1',
    status: value,
    priceAmount: '12.5',
    priceCurrency: 'USD',
    actuallyPaid: '0',
    payCurrency: 'USDTTRC20',
    receivedAt: at,
    ...patch,
  });
const rows = (...events: RecordedEvent[]) => foldRows(paymentsProjection.rows, events);

describe('payments projection (fold)', () => {
  it('a first status takes the invoice terms; later statuses keep amounts NOWPayments stopped sending', () => {
    const { payments } = rows(invoiceCreated, status('waiting', { payAmount: '12.5' }), status('confirming', { actuallyPaid: '12.5' }));
    expect(payments).toEqual([
      expect.objectContaining({ payment_id: 'pay-1', status: 'confirming', channel_id: 'ch-1', price_amount: '1250', pay_amount: '12.5', actually_paid: '12.5', conflicts: 0, outcome: null }),
    ]);
  });

  it('conflicts are counted once each, and the same event delivered again counts nothing', () => {
    const conflict = { ...ref, actuallyPaid: '0', payCurrency: 'USDTTRC20', currentStatus: 'confirming', reportedStatus: 'waiting' };
    const confirming = status('confirming');
    const conflicted = event('PaymentStatusConflicted', conflict);
    const { payments } = rows(invoiceCreated, confirming, conflicted, conflicted, event('PaymentStatusConflicted', conflict));
    expect(payments?.[0]).toMatchObject({ conflicts: 2 });
  });

  it('a payment seen before its invoice row learns the purchase from its outcome event', () => {
    const { payments } = rows(status('finished'), event('PaymentReceived', { ...ref, price, durationDays: 30, actuallyPaid: usdt('12500000'), outcome: usdt('12400000') }));
    expect(payments?.[0]).toMatchObject({ channel_id: 'ch-1', subscriber_id: '7', price_amount: null, outcome: 'received', received_outcome_amount: '12400000' });
  });

  it('an outcome for a payment never seen changes nothing', () => {
    expect(rows(event('PaymentFailed', { ...ref })).payments).toEqual([]);
  });
});

describe('payments projection: an attached payment', () => {
  it('a payment first seen through its grant (attached by an operator) shows as received and finished', () => {
    const received = event('PaymentReceived', { ...ref, price, durationDays: 30, actuallyPaid: usdt('12502501'), outcome: usdt('12439990') });
    const { payments } = rows(received);
    expect(payments).toEqual([
      expect.objectContaining({
        payment_id: 'pay-1',
        invoice_id: 'inv-1',
        channel_id: 'ch-1',
        subscriber_id: '7',
        status: 'finished',
        outcome: 'received',
        price_amount: '1250',
        actually_paid: '12.502501',
        pay_currency: 'USDTTRC20',
        received_outcome_amount: '12439990',
        first_seen_at: at,
      }),
    ]);
    // The same event again changes nothing; a later refunded notice moves it as usual.
    expect(rows(received, received).payments).toHaveLength(1);
    const refunded = rows(received, status('refunded'), event('PaymentRefunded', { ...ref, previousStatus: 'finished', granted: true })).payments;
    expect(refunded).toEqual([expect.objectContaining({ status: 'refunded', outcome: 'refunded' })]);
  });
});

describe('payments projection: donations', () => {
  const amount = { amount: '500', currency: 'USD', decimals: 2 };
  const donationCreated = event('DonationInvoiceCreated', { invoiceId: 'don-1', channelId: 'ch-1', donorId: '8', amount, showName: false, createdAt: at });
  const donationStatus = (value: string) =>
    event('PaymentStatusRecorded', { paymentId: 'pay-d', invoiceId: 'don-1', status: value, priceAmount: '5', priceCurrency: 'USD', actuallyPaid: '5', payCurrency: 'USDTTRC20', receivedAt: at });
  // Positions come from the order the events are made in: make the grant after the statuses it follows.
  const donationReceived = () => event('DonationReceived', {
    paymentId: 'pay-d',
    invoiceId: 'don-1',
    channelId: 'ch-1',
    donorId: '8',
    amount,
    actuallyPaid: usdt('5000000'),
    outcome: usdt('4950000'),
    showName: false,
    receivedAt: at,
  });

  it('a donation is a payment of kind donation, received by its DonationReceived; a subscription stays kind subscription', () => {
    const finished = donationStatus('finished');
    const { payments } = rows(invoiceCreated, status('waiting'), donationCreated, finished, donationReceived());
    expect(payments).toEqual([
      expect.objectContaining({ payment_id: 'pay-1', kind: 'subscription' }),
      expect.objectContaining({
        payment_id: 'pay-d',
        kind: 'donation',
        tier_id: 'donation',
        // The donor did not allow their name: the row names nobody.
        subscriber_id: null,
        price_amount: '500',
        outcome: 'received',
        received_outcome_amount: '4950000',
      }),
    ]);
  });

  it('a donation seen first through its DonationReceived (an attached exception) gets a received donation row', () => {
    expect(rows(donationReceived()).payments).toEqual([expect.objectContaining({ payment_id: 'pay-d', kind: 'donation', status: 'finished', outcome: 'received', subscriber_id: null })]);
  });

  it('kind comes from the events: a donation underpaid before any DonationReceived is a donation', () => {
    const partial = donationStatus('partially_paid');
    const underpaid = event('PaymentUnderpaid', { ...ref, paymentId: 'pay-d', invoiceId: 'don-1', tierId: 'donation', subscriberId: '8', actuallyPaid: '2', payCurrency: 'USDTTRC20', price: amount });
    expect(rows(donationCreated, partial, underpaid).payments).toEqual([expect.objectContaining({ payment_id: 'pay-d', kind: 'donation', outcome: 'underpaid', subscriber_id: null })]);
  });

  it("a donation's outcome seen before its invoice row does not copy the donor's id", () => {
    const partial = donationStatus('partially_paid');
    const underpaid = event('PaymentUnderpaid', { ...ref, paymentId: 'pay-d', invoiceId: 'don-1', tierId: 'donation', subscriberId: '8', actuallyPaid: '2', payCurrency: 'USDTTRC20', price: amount });
    expect(rows(partial, underpaid).payments).toEqual([expect.objectContaining({ payment_id: 'pay-d', outcome: 'underpaid', subscriber_id: null })]);
  });

  it("a real tier whose id is 'donation' (created before the id was reserved) stays a subscription", () => {
    const tierRef = { ...ref, tierId: 'donation' };
    const legacy = event('InvoiceCreated', { invoiceId: 'inv-1', channelId: 'ch-1', tierId: 'donation', subscriberId: '7', price, durationDays: 30, createdAt: at });
    const finished = status('finished');
    const received = event('PaymentReceived', { ...tierRef, price, durationDays: 30, actuallyPaid: usdt('12500000'), outcome: usdt('12400000') });
    const { payments, payment_invoices } = rows(legacy, finished, received);
    expect(payment_invoices).toEqual([expect.objectContaining({ invoice_id: 'inv-1', kind: 'subscription' })]);
    expect(payments).toEqual([expect.objectContaining({ payment_id: 'pay-1', tier_id: 'donation', kind: 'subscription', outcome: 'received' })]);
    // Seen first through its grant (an attached exception), too.
    expect(rows(received).payments).toEqual([expect.objectContaining({ kind: 'subscription' })]);
  });

  it('a donor who allowed their name is named; one who did not is named nowhere in the rows', () => {
    const named = event('DonationInvoiceCreated', { invoiceId: 'don-1', channelId: 'ch-1', donorId: '8', amount, showName: true, donorName: 'Ann', createdAt: at });
    const finished = donationStatus('finished');
    expect(rows(named, finished).payments).toEqual([expect.objectContaining({ payment_id: 'pay-d', subscriber_id: '8' })]);
    const anonymous = rows(donationCreated, finished, donationReceived());
    expect([...anonymous.payments!, ...anonymous.payment_invoices!].map((row) => row.subscriber_id)).toEqual([null, null]);
  });
});

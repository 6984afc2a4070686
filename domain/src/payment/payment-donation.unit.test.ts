import { describe, expect, it } from 'vitest';
import { deciderSpec, foldEvents } from '../decider/index.ts';
import { DONATION_TIER_ID } from '../donation/index.ts';
import type { InvoiceSnapshot } from '../invoice/index.ts';
import { money } from '../money/index.ts';
import type { PaymentCommand } from './payment-commands.ts';
import { paymentDecider } from './payment-decider.ts';
import { parsePaymentEvent, refundTakesBackGrant, type PaymentEvent } from './payment-events.ts';
import { normalizeNotice, type PaymentNotice } from './payment-notice.ts';
import type { PaymentStatus } from './payment-status.ts';

const given = deciderSpec(paymentDecider, { validateEvent: parsePaymentEvent });
const at = '2026-01-02T00:00:00.000Z';
const decidedAt = '2026-01-03T00:00:00.000Z';
const donation: InvoiceSnapshot = {
  invoiceId: 'don1',
  channelId: 'ch1',
  tierId: DONATION_TIER_ID,
  subscriberId: '7',
  price: money(500n, 'USD'),
  durationDays: 0,
  donation: { showName: true, donorName: 'Ann' },
};
const notice = (status: PaymentStatus, patch: Partial<PaymentNotice> = {}): PaymentNotice => ({
  paymentId: '5001',
  orderId: 'don1',
  status,
  priceAmount: '5',
  priceCurrency: 'usd',
  payAmount: '5.01',
  actuallyPaid: '5.01',
  payCurrency: 'usdttrc20',
  outcomeAmount: '4.95',
  outcomeCurrency: 'usdttrc20',
  receivedAt: at,
  ...patch,
});
const ipn = (status: PaymentStatus, patch: Partial<PaymentNotice> = {}, invoice = donation): PaymentCommand => ({
  type: 'RecordPaymentStatus',
  data: { notice: notice(status, patch), invoice },
});
/** What the decider appended, given the events so far (the status record included). */
const run = (events: PaymentEvent[], command: PaymentCommand): PaymentEvent[] =>
  paymentDecider.decide(command, foldEvents(paymentDecider, events)).map((event) => parsePaymentEvent(event) as PaymentEvent);
const usdt = (amount: string) => ({ amount, currency: 'USDTTRC20', decimals: 6 });
const usd = (amount: string) => ({ amount, currency: 'USD', decimals: 2 });
const donationReceived = (patch: Record<string, unknown> = {}): PaymentEvent =>
  ({
    type: 'DonationReceived',
    data: {
      paymentId: '5001',
      invoiceId: 'don1',
      channelId: 'ch1',
      donorId: '7',
      amount: usd('500'),
      actuallyPaid: usdt('5010000'),
      outcome: usdt('4950000'),
      showName: true,
      donorName: 'Ann',
      receivedAt: at,
      ...patch,
    },
  }) as PaymentEvent;
const types = (events: PaymentEvent[]) => events.map((event) => event.type);

describe('payment of a donation invoice', () => {
  it('finished at its amount: DonationReceived, never PaymentReceived', () => {
    const events = run([], ipn('finished'));
    expect(types(events)).toEqual(['PaymentStatusRecorded', 'DonationReceived']);
    expect(events[1]).toEqual(donationReceived());
  });

  it('an anonymous donation never carries a name', () => {
    const anonymous = { ...donation, donation: { showName: false } };
    const { donorName: _name, ...data } = (donationReceived({ showName: false }) as { data: Record<string, unknown> }).data;
    expect(run([], ipn('finished', {}, anonymous))[1]).toEqual({ type: 'DonationReceived', data });
  });

  it('a repeated finished IPN changes nothing', () => {
    const first = run([], ipn('finished'));
    given(first).when(ipn('finished')).then([]);
  });

  it('partially paid: PaymentUnderpaid with the donation tier id, no DonationReceived', () => {
    const events = run([], ipn('partially_paid', { actuallyPaid: '2' }));
    expect(types(events)).toEqual(['PaymentStatusRecorded', 'PaymentUnderpaid']);
    expect(events[1]?.data).toMatchObject({ tierId: DONATION_TIER_ID, subscriberId: '7', price: usd('500') });
  });

  it('finished at another price: PaymentMismatched', () => {
    expect(types(run([], ipn('finished', { priceAmount: '1' })))).toEqual(['PaymentStatusRecorded', 'PaymentMismatched']);
  });

  it('finished for a donation another payment paid: InvoicePaidTwice', () => {
    const paid = { ...donation, paidBy: { paymentId: '5000', actuallyPaid: money(5_010_000n, 'USDTTRC20'), outcome: money(4_950_000n, 'USDTTRC20') } };
    expect(types(run([], ipn('finished', {}, paid)))).toEqual(['PaymentStatusRecorded', 'InvoicePaidTwice']);
  });

  it('a refund after DonationReceived takes the split back (granted)', () => {
    const received = run([], ipn('finished'));
    const refund = run(received, ipn('refunded'));
    expect(types(refund)).toEqual(['PaymentStatusRecorded', 'PaymentRefunded']);
    const refunded = refund[1]!;
    expect(refunded.type === 'PaymentRefunded' && refundTakesBackGrant(refunded.data)).toBe(true);
  });
});

describe('a held donation', () => {
  const heldEvents = () => run([], ipn('finished', { payAmount: '5.01', actuallyPaid: '1' }));
  const decision = { paymentId: '5001', decidedBy: 'ops-anna', note: 'topped up', decidedAt };

  it('is held without a duration, carrying the donation terms', () => {
    const events = heldEvents();
    expect(types(events)).toEqual(['PaymentStatusRecorded', 'PaymentHeldForReview']);
    expect(events[1]?.data).toMatchObject({ tierId: DONATION_TIER_ID, donation: { showName: true, donorName: 'Ann' } });
    expect(events[1]?.data).not.toHaveProperty('durationDays');
  });

  it('its release is PaymentHoldReleased + DonationReceived', () => {
    const released = run(heldEvents(), { type: 'ReleaseHeldPayment', data: decision });
    expect(types(released)).toEqual(['PaymentHoldReleased', 'DonationReceived']);
    expect(released[1]).toEqual(donationReceived({ actuallyPaid: usdt('1000000') }));
  });
});

describe('a payment exception attached to a donation invoice', () => {
  it('is PaymentExceptionAttached + DonationReceived', () => {
    const reported = normalizeNotice({ ...notice('finished'), orderId: null });
    const attach: PaymentCommand = {
      type: 'AttachPaymentException',
      data: { paymentId: '5001', kind: 'unmatched', decidedBy: 'olga', decidedAt, reported, invoice: donation, note: 'matched by hand' },
    };
    const events = run([], attach);
    expect(types(events)).toEqual(['PaymentExceptionAttached', 'DonationReceived']);
    expect(events[1]).toEqual(donationReceived({ receivedAt: decidedAt }));
  });
});

import { describe, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import type { InvoiceSnapshot } from '../invoice/index.ts';
import { money } from '../money/index.ts';
import type { PaymentCommand } from './payment-commands.ts';
import { paymentDecider } from './payment-decider.ts';
import { parsePaymentEvent, type PaymentEvent } from './payment-events.ts';
import type { PaymentExceptionKind } from './payment-exception-events.ts';
import { normalizeNotice, type NormalizedNotice, type PaymentNotice } from './payment-notice.ts';

const given = deciderSpec(paymentDecider, { validateEvent: parsePaymentEvent });
const at = '2026-01-03T00:00:00.000Z';
const invoice: InvoiceSnapshot = { invoiceId: 'inv2', channelId: 'ch1', tierId: 'monthly', subscriberId: '7', price: money(1250n, 'USD'), durationDays: 30 };
const reported = (patch: Partial<PaymentNotice> = {}): NormalizedNotice =>
  normalizeNotice({
    paymentId: '5001',
    orderId: null,
    status: 'finished',
    priceAmount: '12.5',
    priceCurrency: 'usd',
    payAmount: '12.502501',
    actuallyPaid: '12.502501',
    payCurrency: 'usdttrc20',
    outcomeAmount: '12.43999',
    outcomeCurrency: 'usdttrc20',
    receivedAt: '2026-01-02T00:00:00.000Z',
    ...patch,
  });
const decision = { paymentId: '5001', decidedBy: 'olga', decidedAt: at };
const attach = (patch: Partial<PaymentNotice> = {}, terms: InvoiceSnapshot = invoice, kind: PaymentExceptionKind = 'unmatched'): PaymentCommand => ({
  type: 'AttachPaymentException',
  data: { ...decision, kind, reported: reported(patch), invoice: terms, note: 'paid to the old link, matched by hand' },
});
const close = (kind: PaymentExceptionKind = 'unmatched'): PaymentCommand => ({ type: 'ClosePaymentException', data: { ...decision, kind, reason: 'refunded in NOWPayments' } });
const usdt = (amount: string) => ({ amount, currency: 'USDTTRC20', decimals: 6 });
const attached: PaymentEvent = { type: 'PaymentExceptionAttached', data: { ...decision, kind: 'unmatched', invoiceId: 'inv2', note: 'paid to the old link, matched by hand' } };
const granted: PaymentEvent = {
  type: 'PaymentReceived',
  data: {
    paymentId: '5001',
    invoiceId: 'inv2',
    channelId: 'ch1',
    tierId: 'monthly',
    subscriberId: '7',
    receivedAt: at,
    price: { amount: '1250', currency: 'USD', decimals: 2 },
    durationDays: 30,
    actuallyPaid: usdt('12502501'),
    outcome: usdt('12439990'),
  },
};
const closed: PaymentEvent = { type: 'PaymentExceptionClosed', data: { ...decision, kind: 'unmatched', reason: 'refunded in NOWPayments' } };
const statusOf = (status: string): PaymentEvent => ({
  type: 'PaymentStatusRecorded',
  data: { paymentId: '5001', invoiceId: 'inv1', status, priceAmount: '10', priceCurrency: 'USD', actuallyPaid: '10', payCurrency: 'USDTTRC20', receivedAt: at },
} as PaymentEvent);

describe('payment exceptions: attach', () => {
  it('a payment that covers the invoice grants it: PaymentExceptionAttached + PaymentReceived', () => given([]).when(attach()).then([attached, granted]));
  it('paid for more than the price (a mismatched price above it) still covers it', () =>
    given([]).when(attach({ priceAmount: '15' })).then([attached, { ...granted, data: { ...granted.data } } as PaymentEvent]));
  it('the same attach again changes nothing; to another invoice it is a conflict', () => {
    given([attached, granted]).when(attach()).then([]);
    given([attached, granted]).when(attach({}, { ...invoice, invoiceId: 'inv3' })).thenThrows('conflict', 'attached to invoice inv2 already');
  });
  it('refuses, saying why, a payment that does not cover the price', () => {
    given([]).when(attach({ status: 'partially_paid' })).thenThrows('validation', 'partially_paid, not finished');
    given([]).when(attach({ priceAmount: '10' })).thenThrows('validation', 'below the invoice');
    given([]).when(attach({ priceCurrency: 'eur' })).thenThrows('validation', 'in EUR, the invoice is priced in USD');
    given([]).when(attach({ actuallyPaid: '6.25' })).thenThrows('validation', 'was paid of 12.502501 asked');
    given([]).when(attach({ outcomeAmount: '0' })).thenThrows('validation', 'nothing arrived');
  });
  it('refuses an invoice another payment paid, a held, granted or refunded payment', () => {
    const paid = { ...invoice, paidBy: { paymentId: '4999', actuallyPaid: money(1n, 'USDTTRC20'), outcome: money(1n, 'USDTTRC20') } };
    given([]).when(attach({}, paid)).thenThrows('conflict', 'was paid by payment 4999');
    given([statusOf('finished'), { ...granted, data: { ...granted.data, invoiceId: 'inv1' } }]).when(attach()).thenThrows('conflict', 'already granted');
    given([statusOf('finished'), statusOf('refunded')]).when(attach()).thenThrows('conflict', 'refunded');
  });
});

describe('payment exceptions: a held payment goes through release/reject', () => {
  const grant = { ...granted.data, invoiceId: 'inv1', receivedAt: at };
  const held: PaymentEvent = { type: 'PaymentHeldForReview', data: { ...grant, reason: 'underpaid', shortfallBps: 5000, toleranceBps: 100 } };
  it('attach and close both refuse it, naming the commands to use', () => {
    given([statusOf('finished'), held]).when(attach()).thenThrows('conflict', 'release or reject it');
    given([statusOf('finished'), held]).when(close('held')).thenThrows('conflict', 'release or reject it');
  });
});

describe('payment exceptions: close', () => {
  it('closes with the reason, once', () => {
    given([statusOf('finished')]).when(close()).then([closed]);
    given([statusOf('finished'), closed]).when(close()).then([]);
  });
  it('a closed payment is not attached, an attached one not closed', () => {
    given([closed]).when(attach()).thenThrows('conflict', 'was closed');
    given([attached, granted]).when(close()).thenThrows('conflict', 'was attached to invoice inv2');
  });
});

import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import type { InvoiceSnapshot } from '../invoice/index.ts';
import { money } from '../money/index.ts';
import type { PaymentCommand } from './payment-commands.ts';
import { paymentDecider } from './payment-decider.ts';
import { parsePaymentEvent, type PaymentEvent } from './payment-events.ts';
import type { PaymentNotice } from './payment-notice.ts';
import type { PaymentStatus } from './payment-status.ts';

const given = deciderSpec(paymentDecider, { validateEvent: parsePaymentEvent });
const at = '2026-01-02T00:00:00.000Z';
const invoice: InvoiceSnapshot = {
  invoiceId: 'inv1',
  channelId: 'ch1',
  tierId: 'monthly',
  subscriberId: '7',
  price: money(1250n, 'USD'),
  durationDays: 30,
};
const ref = { paymentId: '5077125051', invoiceId: 'inv1', channelId: 'ch1', tierId: 'monthly', subscriberId: '7', receivedAt: at };

const notice = (status: PaymentStatus, patch: Partial<PaymentNotice> = {}): PaymentNotice => ({
  paymentId: '5077125051',
  orderId: 'inv1',
  status,
  priceAmount: 12.5,
  priceCurrency: 'usd',
  actuallyPaid: 49.71,
  payCurrency: 'usdttrc20',
  outcomeAmount: 49.2129,
  outcomeCurrency: 'usdttrc20',
  receivedAt: at,
  ...patch,
});
const ipn = (status: PaymentStatus, patch: Partial<PaymentNotice> = {}, snapshot = invoice): PaymentCommand => ({
  type: 'RecordPaymentStatus',
  data: { notice: notice(status, patch), invoice: snapshot },
});
const recorded = (status: PaymentStatus, patch: Record<string, string> = {}): PaymentEvent => ({
  type: 'PaymentStatusRecorded',
  data: {
    paymentId: '5077125051',
    invoiceId: 'inv1',
    status,
    priceAmount: '12.5',
    priceCurrency: 'USD',
    actuallyPaid: '49.71',
    payCurrency: 'USDTTRC20',
    outcomeAmount: '49.2129',
    outcomeCurrency: 'USDTTRC20',
    receivedAt: at,
    ...patch,
  },
});
const reported = { actuallyPaid: '49.71', payCurrency: 'USDTTRC20', outcomeAmount: '49.2129', outcomeCurrency: 'USDTTRC20' };
const price = { amount: '1250', currency: 'USD', decimals: 2 };
const received: PaymentEvent = {
  type: 'PaymentReceived',
  data: {
    ...ref,
    price,
    durationDays: 30,
    actuallyPaid: { amount: '49710000', currency: 'USDTTRC20', decimals: 6 },
    outcome: { amount: '49212900', currency: 'USDTTRC20', decimals: 6 },
  },
};

describe('payment: status moves forward only', () => {
  it('records the first status', () => given([]).when(ipn('waiting')).then([recorded('waiting')]));
  it('a repeated status changes nothing', () => given([recorded('waiting')]).when(ipn('waiting')).then([]));
  it('records a later status', () => given([recorded('waiting')]).when(ipn('confirming')).then([recorded('confirming')]));
  it('an older status changes nothing', () => given([recorded('waiting'), recorded('sending')]).when(ipn('confirming')).then([]));
  it('skipping statuses is fine (IPNs get lost)', () => given([recorded('waiting')]).when(ipn('finished')).then([recorded('finished'), received]));
});

describe('payment: finished', () => {
  it('grants once at the invoice price: PaymentReceived with paid and outcome Money', () =>
    given([recorded('waiting')]).when(ipn('finished')).then([recorded('finished'), received]));
  it('a repeated finished grants nothing more', () => given([recorded('finished'), received]).when(ipn('finished')).then([]));
  it('"12.50" as text is the same price', () =>
    given([]).when(ipn('finished', { priceAmount: '12.50' })).then([recorded('finished'), received]));
  it('another price amount is PaymentMismatched, not a grant', () =>
    given([])
      .when(ipn('finished', { priceAmount: 1 }))
      .then([
        recorded('finished', { priceAmount: '1' }),
        { type: 'PaymentMismatched', data: { ...ref, ...reported, expectedPrice: price, priceAmount: '1', priceCurrency: 'USD' } },
      ]));
  it('another price currency is PaymentMismatched', () =>
    given([])
      .when(ipn('finished', { priceCurrency: 'eur' }))
      .then([
        recorded('finished', { priceCurrency: 'EUR' }),
        { type: 'PaymentMismatched', data: { ...ref, ...reported, expectedPrice: price, priceAmount: '12.5', priceCurrency: 'EUR' } },
      ]));
  it('a price with sub-cent digits is PaymentMismatched (never rounded to match)', () =>
    given([])
      .when(ipn('finished', { priceAmount: '12.501' }))
      .then([
        recorded('finished', { priceAmount: '12.501' }),
        { type: 'PaymentMismatched', data: { ...ref, ...reported, expectedPrice: price, priceAmount: '12.501', priceCurrency: 'USD' } },
      ]));
  it('truncates provider digits below the smallest on-chain unit (TRX: 6 decimals)', () =>
    given([])
      .when(ipn('finished', { actuallyPaid: 15, payCurrency: 'trx', outcomeAmount: 1131.7812095, outcomeCurrency: 'trx' }))
      .then([
        recorded('finished', { actuallyPaid: '15', payCurrency: 'TRX', outcomeAmount: '1131.7812095', outcomeCurrency: 'TRX' }),
        {
          type: 'PaymentReceived',
          data: {
            ...received.data,
            actuallyPaid: { amount: '15000000', currency: 'TRX', decimals: 6 },
            outcome: { amount: '1131781209', currency: 'TRX', decimals: 6 },
          } as Extract<PaymentEvent, { type: 'PaymentReceived' }>['data'],
        },
      ]));
  it('an unknown pay currency is refused, named, and records nothing', () =>
    given([]).when(ipn('finished', { payCurrency: 'xyz' })).thenThrows('validation', 'unknown currency "XYZ"'));
  it('finished without an outcome amount is refused', () =>
    given([]).when(ipn('finished', { outcomeAmount: null, outcomeCurrency: null })).thenThrows('validation', 'no outcome amount'));
});

describe('payment: a second payment of a paid invoice', () => {
  const first = { paymentId: '5077000001', actuallyPaid: money(12_500_000n, 'USDTTRC20'), outcome: money(12_430_000n, 'USDTTRC20') };
  const paid: InvoiceSnapshot = { ...invoice, paidBy: first };
  const paidTwice: PaymentEvent = {
    type: 'InvoicePaidTwice',
    data: {
      ...ref,
      price,
      actuallyPaid: received.data.actuallyPaid,
      outcome: received.data.outcome,
      paidBy: { paymentId: '5077000001', actuallyPaid: { amount: '12500000', currency: 'USDTTRC20', decimals: 6 }, outcome: { amount: '12430000', currency: 'USDTTRC20', decimals: 6 } },
    },
  } as PaymentEvent;
  it('is an overpayment (InvoicePaidTwice, both payments and amounts), never a grant', () =>
    given([recorded('sending')]).when(ipn('finished', {}, paid)).then([recorded('finished'), paidTwice]));
  it('the same IPN again changes nothing', () => given([recorded('finished'), paidTwice]).when(ipn('finished', {}, paid)).then([]));
  it('the payment that paid the invoice is still received when its IPN comes again or late', () =>
    given([recorded('sending')]).when(ipn('finished', {}, { ...invoice, paidBy: { ...first, paymentId: '5077125051' } })).then([recorded('finished'), received]));
  it('below the underpayment band it is still a second payment, not held for a release that would sell twice', () =>
    given([])
      .when(ipn('finished', { payAmount: 100, actuallyPaid: 20 }, paid))
      .then([
        recorded('finished', { payAmount: '100', actuallyPaid: '20' }),
        { ...paidTwice, data: { ...paidTwice.data, actuallyPaid: { amount: '20000000', currency: 'USDTTRC20', decimals: 6 } } } as PaymentEvent,
      ]));
  it('at another price it stays PaymentMismatched', () =>
    given([])
      .when(ipn('finished', { priceAmount: 1 }, paid))
      .then([
        recorded('finished', { priceAmount: '1' }),
        { type: 'PaymentMismatched', data: { ...ref, ...reported, expectedPrice: price, priceAmount: '1', priceCurrency: 'USD' } },
      ]));
  it('a partial payment of a paid invoice stays PaymentUnderpaid (it never grants)', () =>
    given([])
      .when(ipn('partially_paid', { actuallyPaid: 20 }, paid))
      .then([recorded('partially_paid', { actuallyPaid: '20' }), { type: 'PaymentUnderpaid', data: { ...ref, ...reported, actuallyPaid: '20', price } }]));
});

describe('payment: underpaid, re-deposits, failures', () => {
  const underpaid: PaymentEvent = {
    type: 'PaymentUnderpaid',
    data: { ...ref, ...reported, actuallyPaid: '20', price },
  };
  it('partially_paid is PaymentUnderpaid and never grants', () =>
    given([recorded('waiting')]).when(ipn('partially_paid', { actuallyPaid: 20 })).then([recorded('partially_paid', { actuallyPaid: '20' }), underpaid]));
  it('finished after partially_paid (finished by an operator) grants', () =>
    given([recorded('partially_paid', { actuallyPaid: '20' }), underpaid]).when(ipn('finished')).then([recorded('finished'), received]));
  it('partially_paid arriving after finished is older: nothing', () => given([recorded('finished'), received]).when(ipn('partially_paid')).then([]));
  it('a re-deposit is recorded for an operator and never grants', () =>
    given([])
      .when(ipn('finished', { parentPaymentId: '987654321' }))
      .then([
        recorded('finished', { parentPaymentId: '987654321' }),
        { type: 'PaymentRedepositRecorded', data: { ...ref, ...reported, parentPaymentId: '987654321', status: 'finished' } },
      ]));
  it('a partially paid re-deposit is a re-deposit, not an underpayment', () =>
    given([])
      .when(ipn('partially_paid', { parentPaymentId: '987654321' }))
      .then([
        recorded('partially_paid', { parentPaymentId: '987654321' }),
        { type: 'PaymentRedepositRecorded', data: { ...ref, ...reported, parentPaymentId: '987654321', status: 'partially_paid' } },
      ]));
  it('failed → PaymentFailed', () => given([recorded('waiting')]).when(ipn('failed')).then([recorded('failed'), { type: 'PaymentFailed', data: ref }]));
  it('expired → PaymentExpired', () => given([recorded('waiting')]).when(ipn('expired')).then([recorded('expired'), { type: 'PaymentExpired', data: ref }]));
  it('refunded after finished → PaymentRefunded naming the status it left', () =>
    given([recorded('finished'), received])
      .when(ipn('refunded'))
      .then([recorded('refunded'), { type: 'PaymentRefunded', data: { ...ref, previousStatus: 'finished', granted: true } }]));
  it('refunded after a finished that granted nothing (held, mismatched) says so: there is no access to take back', () =>
    given([recorded('finished')])
      .when(ipn('refunded'))
      .then([recorded('refunded'), { type: 'PaymentRefunded', data: { ...ref, previousStatus: 'finished', granted: false } }]));
  it('refunded as the first status seen has no previous status and granted nothing', () =>
    given([]).when(ipn('refunded')).then([recorded('refunded'), { type: 'PaymentRefunded', data: { ...ref, granted: false } }]));
  it('a refunded IPN again changes nothing', () => given([recorded('finished'), received, recorded('refunded')]).when(ipn('refunded')).then([]));
});

describe('payment: conflicts and mix-ups', () => {
  const conflicted: PaymentEvent = {
    type: 'PaymentStatusConflicted',
    data: { ...ref, ...reported, currentStatus: 'expired', reportedStatus: 'finished' },
  };
  it('finished after expired is recorded for an operator, without a grant', () =>
    given([recorded('expired')]).when(ipn('finished')).then([conflicted]));
  it('the same conflict again changes nothing', () => given([recorded('expired'), conflicted]).when(ipn('finished')).then([]));
  it('a notice for another order is refused', () => given([]).when(ipn('waiting', { orderId: 'inv2' })).thenThrows('validation', 'not invoice inv1'));
  it('a payment recorded for another invoice is a conflict', () =>
    given([recorded('waiting')])
      .when(ipn('confirming', { orderId: 'inv2' }, { ...invoice, invoiceId: 'inv2' }))
      .thenThrows('conflict', 'recorded for invoice inv1'));
  it('a negative amount is refused', () => given([]).when(ipn('waiting', { actuallyPaid: -1 })).thenThrows('validation', 'negative'));
  it('JSON numbers in exponent form are stored as exact plain text', () =>
    given([]).when(ipn('waiting', { actuallyPaid: 1e-7, payCurrency: 'btc' })).then([recorded('waiting', { actuallyPaid: '0.0000001', payCurrency: 'BTC' })]));
});

describe('payment: the documented NOWPayments IPN', () => {
  const [flat] = (JSON.parse(readFileSync(new URL('../money/testdata/nowpayments-ipn-vectors.json', import.meta.url), 'utf8')) as {
    vectors: { rawBody: string }[];
  }).vectors.map((vector) => JSON.parse(vector.rawBody) as Record<string, number | string>);
  it('records its waiting status with its amounts digit for digit', () => {
    const body = flat!;
    const usd170: InvoiceSnapshot = { ...invoice, invoiceId: '2', price: money(17000n, 'USD') };
    const command: PaymentCommand = {
      type: 'RecordPaymentStatus',
      data: {
        invoice: usd170,
        notice: {
          paymentId: String(body.payment_id),
          orderId: String(body.order_id),
          status: 'waiting',
          priceAmount: body.price_amount!,
          priceCurrency: String(body.price_currency),
          payAmount: body.pay_amount!,
          actuallyPaid: body.actually_paid!,
          payCurrency: String(body.pay_currency),
          outcomeAmount: body.outcome_amount!,
          outcomeCurrency: String(body.outcome_currency),
          receivedAt: at,
        },
      },
    };
    given([])
      .when(command)
      .then([
        {
          type: 'PaymentStatusRecorded',
          data: {
            paymentId: '5077125051',
            invoiceId: '2',
            status: 'waiting',
            priceAmount: '170',
            priceCurrency: 'USD',
            payAmount: '155.38559757',
            actuallyPaid: '0',
            payCurrency: 'MANA',
            outcomeAmount: '1131.7812095',
            outcomeCurrency: 'TRX',
            receivedAt: at,
          },
        },
      ]);
  });
});

import { describe, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import type { PaymentNotice } from './payment-notice.ts';
import type { PaymentStatus } from './payment-status.ts';
import { unmatchedPaymentDecider, type RecordUnmatchedPayment } from './unmatched-payment-decider.ts';
import { parseUnmatchedPaymentEvent, type UnmatchedPaymentEvent } from './unmatched-payment-events.ts';

const given = deciderSpec(unmatchedPaymentDecider, { validateEvent: parseUnmatchedPaymentEvent });
const at = '2026-01-02T00:00:00.000Z';
const notice = (status: PaymentStatus, patch: Partial<PaymentNotice> = {}): RecordUnmatchedPayment => ({
  type: 'RecordUnmatchedPayment',
  data: {
    notice: {
      paymentId: '123456789',
      orderId: null,
      status,
      priceAmount: 1,
      priceCurrency: 'usd',
      actuallyPaid: 15,
      payCurrency: 'trx',
      outcomeAmount: 14.8106,
      outcomeCurrency: 'trx',
      parentPaymentId: '987654321',
      receivedAt: at,
      ...patch,
    },
  },
});
const recorded = (status: PaymentStatus, patch: Record<string, string> = {}): UnmatchedPaymentEvent => ({
  type: 'UnmatchedPaymentRecorded',
  data: {
    paymentId: '123456789',
    status,
    priceAmount: '1',
    priceCurrency: 'USD',
    actuallyPaid: '15',
    payCurrency: 'TRX',
    outcomeAmount: '14.8106',
    outcomeCurrency: 'TRX',
    parentPaymentId: '987654321',
    receivedAt: at,
    ...patch,
  },
});

describe('unmatched payment', () => {
  it('records an IPN without an order id (the documented re-deposit example)', () => given([]).when(notice('finished')).then([recorded('finished')]));
  it('records an IPN whose order id matches no invoice, keeping the order id', () =>
    given([]).when(notice('waiting', { orderId: 'nope' })).then([recorded('waiting', { orderId: 'nope' })]));
  it('records each status once', () => given([recorded('finished')]).when(notice('finished')).then([]));
  it('records statuses in any order (nothing is granted from here)', () =>
    given([recorded('finished')]).when(notice('waiting')).then([recorded('waiting')]));
  it('accepts unknown currencies: it only keeps the trail', () =>
    given([]).when(notice('waiting', { payCurrency: 'weirdcoin' })).then([recorded('waiting', { payCurrency: 'WEIRDCOIN' })]));
  it('refuses a notice of another payment on this stream', () =>
    given([recorded('waiting')]).when(notice('finished', { paymentId: '1' })).thenThrows('validation', 'stream of 123456789'));
});

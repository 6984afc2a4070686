import { describe, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import type { HeldPaymentDecision, PaymentCommand } from './payment-commands.ts';
import { paymentDecider } from './payment-decider.ts';
import { parsePaymentEvent, type PaymentEvent } from './payment-events.ts';

const given = deciderSpec(paymentDecider, { validateEvent: parsePaymentEvent });
const at = '2026-01-02T00:00:00.000Z';
const decidedAt = '2026-01-03T09:00:00.000Z';
const ref = { paymentId: '5077125051', invoiceId: 'inv1', channelId: 'ch1', tierId: 'monthly', subscriberId: '7', receivedAt: at };
const usdt = (units: string) => ({ amount: units, currency: 'USDTTRC20', decimals: 6 });
const grant = { ...ref, price: { amount: '1250', currency: 'USD', decimals: 2 }, durationDays: 30, actuallyPaid: usdt('1250000'), outcome: usdt('1240000') };

const recorded = (status: 'finished' | 'refunded'): PaymentEvent => ({
  type: 'PaymentStatusRecorded',
  data: { paymentId: ref.paymentId, invoiceId: 'inv1', status, priceAmount: '12.5', priceCurrency: 'USD', payAmount: '12.5', actuallyPaid: '1.25', payCurrency: 'USDTTRC20', receivedAt: at },
});
const held: PaymentEvent = {
  type: 'PaymentHeldForReview',
  data: { ...grant, reason: 'underpaid', payAmount: usdt('12500000'), shortfallBps: 9000, toleranceBps: 100 },
};
const decision: HeldPaymentDecision = { paymentId: ref.paymentId, decidedBy: 'ops-anna', note: 'topped up by the subscriber off-platform', decidedAt };
const release = (patch: Partial<HeldPaymentDecision & { invoicePaidBy: string }> = {}): PaymentCommand => ({ type: 'ReleaseHeldPayment', data: { ...decision, ...patch } });
const reject = (patch: Partial<HeldPaymentDecision> = {}): PaymentCommand => ({ type: 'RejectHeldPayment', data: { ...decision, ...patch } });
const decided = { paymentId: ref.paymentId, invoiceId: 'inv1', decidedBy: 'ops-anna', note: decision.note, decidedAt };
const released: PaymentEvent = { type: 'PaymentHoldReleased', data: decided };
const received: PaymentEvent = { type: 'PaymentReceived', data: grant };
const rejected: PaymentEvent = { type: 'PaymentHoldRejected', data: decided };

describe('held payment: an operator releases it', () => {
  it('grants with the held amounts: PaymentHoldReleased + PaymentReceived', () =>
    given([recorded('finished'), held]).when(release()).then([released, received]));
  it('releasing twice changes nothing', () => given([recorded('finished'), held, released, received]).when(release()).then([]));
  it('cannot release a rejected payment', () =>
    given([recorded('finished'), held, rejected]).when(release()).thenThrows('conflict', 'already rejected'));
  it('cannot release a payment whose invoice another payment paid meanwhile (it would sell it twice)', () =>
    given([recorded('finished'), held]).when(release({ invoicePaidBy: '5077000001' })).thenThrows('conflict', 'invoice inv1 was paid meanwhile by payment 5077000001'));
  it('releases when the invoice names this payment as its payer (the handler recorded it first)', () =>
    given([recorded('finished'), held]).when(release({ invoicePaidBy: ref.paymentId })).then([released, received]));
  it('cannot release a payment NOWPayments refunded meanwhile', () =>
    given([recorded('finished'), held, recorded('refunded')]).when(release()).thenThrows('conflict', 'refunded'));
});

describe('held payment: an operator rejects it', () => {
  it('records the rejection and grants nothing', () => given([recorded('finished'), held]).when(reject()).then([rejected]));
  it('rejecting twice changes nothing', () => given([recorded('finished'), held, rejected]).when(reject()).then([]));
  it('cannot reject a released payment', () =>
    given([recorded('finished'), held, released, received]).when(reject()).thenThrows('conflict', 'already released'));
  it('a refunded held payment can still be rejected (closing it)', () =>
    given([recorded('finished'), held, recorded('refunded')]).when(reject()).then([rejected]));
});

describe('held payment: what is not held cannot be decided', () => {
  it('a payment never held', () => given([recorded('finished'), received]).when(release()).thenThrows('conflict', 'not held for review'));
  it('an empty stream', () => given([]).when(reject()).thenThrows('conflict', 'not held for review'));
  it('an empty note is refused by the event schema', () =>
    given([recorded('finished'), held]).when(release({ note: '' })).thenThrows('validation'));
  it('an operator id with spaces is refused', () =>
    given([recorded('finished'), held]).when(reject({ decidedBy: 'ops anna' })).thenThrows('validation'));
});


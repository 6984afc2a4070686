import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import type { InvoiceSnapshot } from '../invoice/index.ts';
import { money } from '../money/index.ts';
import type { PaymentCommand } from './payment-commands.ts';
import { paymentDecider } from './payment-decider.ts';
import { parsePaymentEvent, type PaymentEvent } from './payment-events.ts';
import type { PaymentNotice } from './payment-notice.ts';
import type { PaymentStatus } from './payment-status.ts';
import { shortfallBps, UNDERPAYMENT_TOLERANCE_BPS } from './underpayment-guard.ts';

// The band: held ⇔ actually_paid × 10 000 < pay_amount × (10 000 − 100), in USDTTRC20 micro-units.
const given = deciderSpec(paymentDecider, { validateEvent: parsePaymentEvent });
const at = '2026-01-02T00:00:00.000Z';
const invoice: InvoiceSnapshot = { invoiceId: 'inv1', channelId: 'ch1', tierId: 'monthly', subscriberId: '7', price: money(1250n, 'USD'), durationDays: 30 };
const ref = { paymentId: '5077125051', invoiceId: 'inv1', channelId: 'ch1', tierId: 'monthly', subscriberId: '7', receivedAt: at };
const price = { amount: '1250', currency: 'USD', decimals: 2 };
const usdt = (units: string) => ({ amount: units, currency: 'USDTTRC20', decimals: 6 });

const notice = (status: PaymentStatus, patch: Partial<PaymentNotice> = {}): PaymentNotice => ({
  paymentId: '5077125051',
  orderId: 'inv1',
  status,
  priceAmount: 12.5,
  priceCurrency: 'usd',
  payAmount: 12.5,
  actuallyPaid: 12.5,
  payCurrency: 'usdttrc20',
  outcomeAmount: 12.4375,
  outcomeCurrency: 'usdttrc20',
  receivedAt: at,
  ...patch,
});
const ipn = (status: PaymentStatus, patch: Partial<PaymentNotice> = {}): PaymentCommand => ({
  type: 'RecordPaymentStatus',
  data: { notice: notice(status, patch), invoice },
});
const recorded = (status: PaymentStatus, patch: Record<string, string> = {}): PaymentEvent => ({
  type: 'PaymentStatusRecorded',
  data: {
    paymentId: '5077125051',
    invoiceId: 'inv1',
    status,
    priceAmount: '12.5',
    priceCurrency: 'USD',
    payAmount: '12.5',
    actuallyPaid: '12.5',
    payCurrency: 'USDTTRC20',
    outcomeAmount: '12.4375',
    outcomeCurrency: 'USDTTRC20',
    receivedAt: at,
    ...patch,
  },
});
const received = (paidUnits: string, outcomeUnits = '12437500'): PaymentEvent => ({
  type: 'PaymentReceived',
  data: { ...ref, price, durationDays: 30, actuallyPaid: usdt(paidUnits), outcome: usdt(outcomeUnits) },
});
const held = (reason: 'underpaid' | 'nothing_received', paidUnits: string, shortfall: number, outcomeUnits = '12437500'): PaymentEvent => ({
  type: 'PaymentHeldForReview',
  data: {
    ...ref,
    reason,
    price,
    durationDays: 30,
    actuallyPaid: usdt(paidUnits),
    payAmount: usdt('12500000'),
    outcome: usdt(outcomeUnits),
    shortfallBps: shortfall,
    toleranceBps: 100,
  },
});

describe('underpayment guard: the band is 100 bps below pay_amount', () => {
  it('documents its tolerance', () => expect(UNDERPAYMENT_TOLERANCE_BPS).toBe(100));

  it('paid in full → PaymentReceived', () =>
    given([recorded('sending')]).when(ipn('finished')).then([recorded('finished'), received('12500000')]));

  it('overpaid → PaymentReceived', () =>
    given([]).when(ipn('finished', { actuallyPaid: 13 })).then([recorded('finished', { actuallyPaid: '13' }), received('13000000')]));

  it('exactly 1 % short (just inside the band) → PaymentReceived', () =>
    given([]).when(ipn('finished', { actuallyPaid: 12.375 })).then([recorded('finished', { actuallyPaid: '12.375' }), received('12375000')]));

  it('1 % and one micro-unit short (just outside) → PaymentHeldForReview, no grant', () =>
    given([])
      .when(ipn('finished', { actuallyPaid: 12.374999 }))
      .then([recorded('finished', { actuallyPaid: '12.374999' }), held('underpaid', '12374999', 101)]));

  it('far below the quote → held with the numbers', () =>
    given([])
      .when(ipn('finished', { actuallyPaid: 1.25, outcomeAmount: 1.24 }))
      .then([recorded('finished', { actuallyPaid: '1.25', outcomeAmount: '1.24' }), held('underpaid', '1250000', 9000, '1240000')]));

  it('an underpaid payment finished by hand after partially_paid is held, not granted', () =>
    given([recorded('partially_paid', { actuallyPaid: '7.5' })])
      .when(ipn('finished', { actuallyPaid: 7.5 }))
      .then([recorded('finished', { actuallyPaid: '7.5' }), held('underpaid', '7500000', 4000)]));

  it('nothing paid → held as nothing_received', () =>
    given([]).when(ipn('finished', { actuallyPaid: 0 })).then([recorded('finished', { actuallyPaid: '0' }), held('nothing_received', '0', 10_000)]));

  it('a zero outcome → held as nothing_received, even when paid in full', () =>
    given([])
      .when(ipn('finished', { outcomeAmount: 0 }))
      .then([recorded('finished', { outcomeAmount: '0' }), held('nothing_received', '12500000', 0, '0')]));

  it('digits below the chain unit do not decide: 12.3749999 truncates to 12.374999 → held', () =>
    given([])
      .when(ipn('finished', { actuallyPaid: '12.3749999' }))
      .then([recorded('finished', { actuallyPaid: '12.3749999' }), held('underpaid', '12374999', 101)]));

  it('without pay_amount only the zero check applies', () => {
    const { payAmount: _payAmount, ...withoutQuote } = recorded('finished', { actuallyPaid: '1' }).data as Record<string, unknown>;
    given([])
      .when(ipn('finished', { payAmount: null, actuallyPaid: 1 }))
      .then([{ type: 'PaymentStatusRecorded', data: withoutQuote } as PaymentEvent, received('1000000')]);
  });
});

describe('underpayment guard: a held payment stays held', () => {
  const heldEvents = [recorded('finished', { actuallyPaid: '1.25' }), held('underpaid', '1250000', 9000)];
  it('a duplicate finished IPN changes nothing', () => given(heldEvents).when(ipn('finished', { actuallyPaid: 1.25 })).then([]));
  it('a finished IPN with other amounts changes nothing either (finished moves once)', () =>
    given(heldEvents).when(ipn('finished', { actuallyPaid: 12.5 })).then([]));
  it('an older status changes nothing', () => given(heldEvents).when(ipn('confirming')).then([]));
});

describe('shortfallBps', () => {
  const m = (units: bigint) => money(units, 'USDTTRC20');
  it('is rounded up, so held ⇔ shortfall above the tolerance', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 2n * 10n ** 12n }), (asked, paid) => {
        const bps = shortfallBps(m(paid), m(asked));
        expect(bps > UNDERPAYMENT_TOLERANCE_BPS).toBe(paid * 10_000n < asked * BigInt(10_000 - UNDERPAYMENT_TOLERANCE_BPS));
        expect(bps).toBeGreaterThanOrEqual(0);
        expect(bps).toBeLessThanOrEqual(10_000);
      }),
    );
  });
  it('is 0 when nothing was asked', () => expect(shortfallBps(m(5n), m(0n))).toBe(0));
});

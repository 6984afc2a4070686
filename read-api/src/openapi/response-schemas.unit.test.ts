import * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createProblem } from '@paygate/http';
import type { TrailEvent } from '../api/payment-routes.ts';
import { channelBalanceOut, ownerBalanceOut, payoutOut } from '../api/payout-presenters.ts';
import { channelOut, invoiceOut, paymentOut, splitOut } from '../api/presenters.ts';
import { channelSummaryOut, revenuePointOut, subscriberOut } from '../api/report-presenters.ts';
import { generateTokenKeyPair, loadTokenKeyRing, tokenJwks } from '../auth/index.ts';
import * as schemas from './response-schemas.ts';
import * as sample from './test-support/sample-views.ts';

/** What a client receives: the presenter's value through JSON. */
const wire = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;
const accepts = (schema: v.GenericSchema, value: unknown) => expect(v.safeParse(schema, wire(value)).issues).toBeUndefined();
const rejects = (schema: v.GenericSchema, value: unknown) => expect(v.safeParse(schema, wire(value)).success).toBe(false);

const page = <Item>(items: Item[]) => ({ items, limit: 20, nextCursor: 'opaque' });

describe('response schemas accept what the real presenters answer', () => {
  it('payments, splits, invoices and their pages', () => {
    accepts(schemas.PaymentOutSchema, paymentOut(sample.receivedPayment));
    accepts(schemas.PaymentOutSchema, paymentOut(sample.unmatchedPayment));
    accepts(schemas.PaymentWithSplitOutSchema, { ...paymentOut(sample.receivedPayment), split: splitOut(sample.split) });
    accepts(schemas.PaymentWithSplitOutSchema, { ...paymentOut(sample.unmatchedPayment), split: null });
    accepts(schemas.InvoiceOutSchema, invoiceOut(sample.invoice, [sample.receivedPayment], [sample.split]));
    accepts(schemas.InvoiceOutSchema, invoiceOut({ ...sample.invoice, provider: null, paymentStatus: null, paid: false, paidPaymentId: null, paidAt: null }, [], []));
    accepts(schemas.PaymentPageOutSchema, page([paymentOut(sample.receivedPayment)]));
    accepts(schemas.PaymentPageOutSchema, { items: [], limit: 100, nextCursor: null });
  });

  it('a donation: its payment says kind donation, its invoice purpose donation', () => {
    expect(paymentOut(sample.receivedPayment).kind).toBe('subscription');
    expect(paymentOut(sample.donationPayment)).toMatchObject({ kind: 'donation', tierId: 'donation' });
    accepts(schemas.PaymentPageOutSchema, page([paymentOut(sample.donationPayment), paymentOut(sample.receivedPayment)]));
    const invoice = invoiceOut(sample.donationInvoice, [sample.donationPayment], []);
    expect(invoice).toMatchObject({ purpose: 'donation', payments: [{ kind: 'donation' }] });
    expect(invoiceOut(sample.invoice, [], []).purpose).toBe('subscription');
    accepts(schemas.InvoiceOutSchema, invoice);
  });

  it('channels, subscribers and revenue', () => {
    accepts(schemas.ChannelOutSchema, channelOut(sample.channelSummary));
    accepts(schemas.ChannelSummaryOutSchema, channelSummaryOut(sample.channelSummary));
    accepts(schemas.ChannelPageOutSchema, page([channelSummaryOut(sample.channelSummary)]));
    accepts(schemas.SubscriberPageOutSchema, page([subscriberOut(sample.subscriber), subscriberOut({ ...sample.subscriber, tierName: 'Weekly', status: 'active', joinedAt: sample.subscriber.startsAt })]));
    const points = [revenuePointOut(sample.revenuePoint), revenuePointOut({ ...sample.revenuePoint, currency: 'BTC', decimals: 8, gross: 1n, fees: 0n, ownerShare: 1n })];
    accepts(schemas.RevenueOutSchema, { interval: 'week', from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T00:00:00.000Z', activeSubscribers: 4, points });
  });

  it('payouts and balances', () => {
    accepts(schemas.PayoutOutSchema, payoutOut(sample.payout));
    accepts(schemas.PayoutOutSchema, payoutOut({ ...sample.payout, ownerId: null, purpose: 'conversion', wallet: null, transfers: [], executed: null, received: null, sentAt: null, status: 'held', statusReason: 'rate moved' }));
    accepts(schemas.PayoutPageOutSchema, page([payoutOut(sample.payout)]));
    accepts(schemas.BalancesOutSchema, { items: [ownerBalanceOut(sample.ownerBalance)], channels: [channelBalanceOut(sample.channelBalance)] });
  });

  it('problems, keys and the caller', async () => {
    accepts(schemas.ProblemOutSchema, createProblem('validation', { detail: 'invalid query: limit', errorId: 'e-1', details: { issues: [{ path: 'limit', message: 'too big' }] } }));
    accepts(schemas.ProblemOutSchema, createProblem('not_found', { detail: 'payment p not found', errorId: 'e-2' }));
    const { privateKeyPem, publicKeyPem } = generateTokenKeyPair();
    const old = generateTokenKeyPair();
    const keyRing = await loadTokenKeyRing({
      signing: { kid: 'k2', privateKeyPem },
      verification: [{ kid: 'k2', publicKeyPem }, { kid: 'k1', publicKeyPem: old.publicKeyPem }],
    });
    accepts(schemas.JwksOutSchema, await tokenJwks(keyRing));
    accepts(schemas.MeOutSchema, { role: 'admin', ownerId: null });
    accepts(schemas.LogoutEverywhereOutSchema, { revoked: 2 });
  });

  it('type-level: each schema names every field its presenter or route type has, with a compatible type', () => {
    expectTypeOf<v.InferOutput<typeof schemas.PaymentOutSchema>>().toExtend<ReturnType<typeof paymentOut>>();
    expectTypeOf<v.InferOutput<typeof schemas.InvoiceOutSchema>>().toExtend<ReturnType<typeof invoiceOut>>();
    expectTypeOf<v.InferOutput<typeof schemas.ChannelSummaryOutSchema>>().toExtend<ReturnType<typeof channelSummaryOut>>();
    expectTypeOf<v.InferOutput<typeof schemas.SubscriberOutSchema>>().toExtend<ReturnType<typeof subscriberOut>>();
    expectTypeOf<v.InferOutput<typeof schemas.RevenuePointOutSchema>>().toExtend<ReturnType<typeof revenuePointOut>>();
    expectTypeOf<v.InferOutput<typeof schemas.PayoutOutSchema>>().toExtend<ReturnType<typeof payoutOut>>();
    expectTypeOf<v.InferOutput<typeof schemas.OwnerBalanceOutSchema>>().toExtend<ReturnType<typeof ownerBalanceOut>>();
    expectTypeOf<v.InferOutput<typeof schemas.ChannelBalanceOutSchema>>().toExtend<ReturnType<typeof channelBalanceOut>>();
    expectTypeOf<v.InferOutput<typeof schemas.TrailEventOutSchema>>().toEqualTypeOf<TrailEvent>();
  });
});

describe('response schemas detect drift', () => {
  const payment = paymentOut(sample.receivedPayment);

  it('an extra field, anywhere, is refused (strict objects)', () => {
    rejects(schemas.PaymentOutSchema, { ...payment, updatedPosition: '10/10' });
    rejects(schemas.PaymentOutSchema, { ...payment, price: { ...payment.price, scale: 2 } });
    rejects(schemas.PayoutOutSchema, { ...payoutOut(sample.payout), secret: 'x' });
    rejects(schemas.PaymentPageOutSchema, { ...page([payment]), total: 1 });
  });

  it('a missing field is refused', () => {
    const { conflicts: _conflicts, ...withoutConflicts } = payment;
    rejects(schemas.PaymentOutSchema, withoutConflicts);
    const { activeSubscribers: _active, ...withoutCount } = channelSummaryOut(sample.channelSummary);
    rejects(schemas.ChannelSummaryOutSchema, withoutCount);
    rejects(schemas.PaymentWithSplitOutSchema, payment);
    const { kind: _kind, ...withoutKind } = payment;
    rejects(schemas.PaymentOutSchema, withoutKind);
  });

  it('money as a JSON number, or a status nobody records, is refused', () => {
    rejects(schemas.PaymentOutSchema, { ...payment, price: { ...payment.price, amount: 12.5 } });
    rejects(schemas.RevenuePointOutSchema, { ...revenuePointOut(sample.revenuePoint), gross: '37.2' });
    rejects(schemas.PaymentOutSchema, { ...payment, status: 'paid' });
    rejects(schemas.PaymentOutSchema, { ...payment, kind: 'tip' });
    rejects(schemas.InvoiceOutSchema, { ...invoiceOut(sample.invoice, [], []), purpose: 'tip' });
    rejects(schemas.SubscriberOutSchema, { ...subscriberOut(sample.subscriber), status: 'cancelled' });
  });
});

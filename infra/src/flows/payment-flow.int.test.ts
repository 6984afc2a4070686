import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  invoiceStreamId,
  isPayGateError,
  parsePaymentEvent,
  paymentStreamId,
  refusedPaymentStreamId,
  type PaymentReceived,
} from '@paygate/domain';
import { createInvoiceCommands } from '@paygate/commands';
import { createNowPaymentsClient, type PayResult } from '@paygate/gateways';
import { finishedIpn } from './test-support/finished-ipn.ts';
import { API_KEY, startFlowHarness, typesOf, type FlowHarness } from './test-support/flow-harness.ts';

let h: FlowHarness;
beforeAll(async () => {
  h = await startFlowHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Pays an invoice through the sandbox's control API, over HTTP like an operator or the CLI would. */
const pay = async (ref: string, body: Record<string, unknown> = {}) => {
  const response = await fetch(`${h.sandboxUrl}/sandbox/invoices/${ref}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Omit<PayResult, 'deliveries'> & {
    deliveries: { status: string; copy: string; delivered: boolean; lastHttpStatus: number | null }[];
  };
};

const buy = async (suffix: string) => {
  const { channelId, tierId } = await h.channelWithTier(suffix);
  return h.flow.invoices.createInvoice({ channelId, tierId, subscriberId: '777' });
};

describe('payment flow over real PostgreSQL and the NOWPayments sandbox', () => {
  it('create invoice → sandbox pays → PaymentReceived in the log', async () => {
    const invoice = await buy('happy');
    expect(invoice.invoiceId).toMatch(/^inv_[0-9a-f]{24}$/);
    expect(invoice.invoiceUrl).toContain(h.sandboxUrl);
    const sandboxInvoice = h.sandbox.invoices.get(invoice.providerInvoiceId);
    expect(sandboxInvoice).toMatchObject({ orderId: invoice.invoiceId, priceAmount: '12.5', priceCurrency: 'usd', ipnCallbackUrl: h.webhookUrl });
    expect(typesOf(await h.eventStore.readStream(invoiceStreamId(invoice.invoiceId)))).toEqual(['InvoiceCreated', 'InvoiceLinked']);

    const paid = await pay(invoice.invoiceId);
    expect(paid.deliveries.map((d) => [d.status, d.lastHttpStatus])).toEqual(paid.statuses.map((status) => [status, 200]));

    const stream = await h.eventStore.readStream(paymentStreamId(String(paid.paymentId)));
    expect(typesOf(stream)).toEqual([
      'PaymentStatusRecorded',
      'PaymentStatusRecorded',
      'PaymentStatusRecorded',
      'PaymentStatusRecorded',
      'PaymentStatusRecorded',
      'PaymentReceived',
    ]);
    const received = parsePaymentEvent(stream.at(-1)!) as PaymentReceived;
    expect(received.data).toMatchObject({
      invoiceId: invoice.invoiceId,
      subscriberId: '777',
      price: { amount: '1250', currency: 'USD', decimals: 2 },
      durationDays: 30,
      actuallyPaid: { currency: 'USDTTRC20', decimals: 6 },
      outcome: { currency: 'USDTTRC20', decimals: 6 },
    });
    expect(stream.every((event) => typeof event.metadata.correlationId === 'string')).toBe(true);
  });

  it('duplicated and out-of-order IPNs change nothing: each status once, one PaymentReceived', async () => {
    const invoice = await buy('dup');
    const paid = await pay(invoice.invoiceId, { duplicate: true, outOfOrder: true });
    expect(paid.deliveries).toHaveLength(10);
    expect(paid.deliveries.every((d) => d.lastHttpStatus === 200)).toBe(true); // duplicates are acknowledged too
    const stream = await h.eventStore.readStream(paymentStreamId(String(paid.paymentId)));
    // finished arrived before sending: sending is older, so it is not recorded after finished.
    expect(stream.filter((e) => e.type === 'PaymentStatusRecorded').map((e) => (e.data as { status: string }).status)).toEqual([
      'waiting',
      'confirming',
      'confirmed',
      'finished',
    ]);
    expect(typesOf(stream).filter((type) => type === 'PaymentReceived')).toHaveLength(1);
  });

  it('replaying every IPN the sandbox sent, sequentially and all at once, appends nothing', async () => {
    const before = await h.eventCount();
    const sent = h.sandbox.sentIpns;
    for (const ipn of sent) {
      const response = await h.postIpn(ipn.body, { 'x-nowpayments-sig': ipn.signature });
      expect(response.status).toBe(200);
    }
    const responses = await Promise.all(sent.map((ipn) => h.postIpn(ipn.body, { 'x-nowpayments-sig': ipn.signature })));
    expect(responses.map((r) => r.status)).toEqual(sent.map(() => 200));
    expect(await h.eventCount()).toBe(before);
  });

  it('copies of a new IPN racing each other record it once', async () => {
    const invoice = await buy('race');
    const ipn = finishedIpn(invoice.invoiceId, 9_100_000_001);
    const responses = await Promise.all(Array.from({ length: 8 }, () => h.postSignedIpn(ipn)));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(typesOf(await h.eventStore.readStream(paymentStreamId('9100000001')))).toEqual(['PaymentStatusRecorded', 'PaymentReceived']);
  });

  it.each([
    ['partially_paid', ['PaymentStatusRecorded', 'PaymentStatusRecorded', 'PaymentStatusRecorded', 'PaymentUnderpaid']],
    ['failed', ['PaymentStatusRecorded', 'PaymentStatusRecorded', 'PaymentStatusRecorded', 'PaymentFailed']],
    ['expired', ['PaymentStatusRecorded', 'PaymentStatusRecorded', 'PaymentExpired']],
  ])('a %s payment never grants', async (outcome, expected) => {
    const invoice = await buy(`out_${outcome}`);
    const paid = await pay(invoice.invoiceId, { outcome });
    expect(typesOf(await h.eventStore.readStream(paymentStreamId(String(paid.paymentId))))).toEqual(expected);
  });

  it('a finished IPN in a currency missing from the registry is kept for an operator, answered 200, and not retried into duplicates', async () => {
    const invoice = await buy('xyz');
    const ipn = { ...finishedIpn(invoice.invoiceId, 9_100_000_002), pay_currency: 'xyzcoin', outcome_currency: 'xyzcoin' };
    for (let i = 0; i < 3; i++) expect((await h.postSignedIpn(ipn)).status).toBe(200);
    expect(await h.eventStore.readStream(paymentStreamId('9100000002'))).toEqual([]);
    const refused = await h.eventStore.readStream(refusedPaymentStreamId('9100000002'));
    expect(typesOf(refused)).toEqual(['PaymentNoticeRefused']);
    expect(refused[0]!.data).toMatchObject({ status: 'finished', invoiceId: invoice.invoiceId, errorKind: 'validation' });
    expect((refused[0]!.data as { reason: string }).reason).toContain('XYZCOIN');
    const logged = h.logLines.filter((line) => line.level >= 50 && line.msg.includes('refused'));
    expect(logged.length).toBeGreaterThanOrEqual(1);
    expect(logged[0]).toMatchObject({ paymentId: '9100000002', status: 'finished' });
  });

  it('an IPN for an order that is not ours is kept as an unmatched payment', async () => {
    const ipn = { ...finishedIpn('inv_not_ours', 9_100_000_003) };
    expect((await h.postSignedIpn(ipn)).status).toBe(200);
    expect((await h.postSignedIpn(ipn)).status).toBe(200);
    expect(typesOf(await h.eventStore.readStream('unmatched-payment-9100000003'))).toEqual(['UnmatchedPaymentRecorded']);
  });

  it('NOWPayments down at purchase: the invoice stays recorded, the caller is told, and a retry links it once', async () => {
    const { channelId, tierId } = await h.channelWithTier('down');
    const down = createInvoiceCommands({
      eventStore: h.eventStore,
      nowPayments: createNowPaymentsClient({ apiUrl: 'http://127.0.0.1:1', apiKey: API_KEY, timeoutMs: 1_000 }),
      publicUrl: 'http://127.0.0.1:9',
      clock: () => new Date(),
    });
    const failure = await down.createInvoice({ channelId, tierId, subscriberId: '778' }).catch((error: unknown) => error);
    expect(isPayGateError(failure) && failure.kind).toBe('unavailable');
    const invoiceId = isPayGateError(failure) ? (failure.details.invoiceId as string) : '';
    expect(isPayGateError(failure) && failure.details.linked).toBe(false);
    expect((failure as Error).message).toContain(invoiceId);
    expect(typesOf(await h.eventStore.readStream(invoiceStreamId(invoiceId)))).toEqual(['InvoiceCreated']);

    const linked = await h.flow.invoices.createInvoice({ channelId, tierId, subscriberId: '778', invoiceId });
    const again = await h.flow.invoices.linkInvoice(invoiceId);
    expect(again).toEqual(linked);
    expect(typesOf(await h.eventStore.readStream(invoiceStreamId(invoiceId)))).toEqual(['InvoiceCreated', 'InvoiceLinked']);
    const sandboxInvoices = [...h.sandbox.invoices.values()].filter((i) => i.orderId === invoiceId);
    expect(sandboxInvoices).toHaveLength(1); // linked once: the second call did not make another page
  });

  it('two links racing for one invoice: one InvoiceLinked, both callers get that page', async () => {
    const { channelId, tierId } = await h.channelWithTier('link_race');
    const down = createInvoiceCommands({
      eventStore: h.eventStore,
      nowPayments: createNowPaymentsClient({ apiUrl: 'http://127.0.0.1:1', apiKey: API_KEY, timeoutMs: 1_000 }),
      publicUrl: 'http://127.0.0.1:9',
      clock: () => new Date(),
      newId: () => 'inv_link_race',
    });
    await expect(down.createInvoice({ channelId, tierId, subscriberId: '779' })).rejects.toMatchObject({ kind: 'unavailable' });
    const [a, b] = await Promise.all([h.flow.invoices.linkInvoice('inv_link_race'), h.flow.invoices.linkInvoice('inv_link_race')]);
    expect(a).toEqual(b);
    // Usually both see it unlinked and ask NOWPayments, and the loser of the append returns the
    // winner's page; when one finishes before the other reads the stream, only one asks. Never more.
    const asked = [...h.sandbox.invoices.values()].filter((i) => i.orderId === 'inv_link_race').length;
    expect(asked).toBeGreaterThanOrEqual(1);
    expect(asked).toBeLessThanOrEqual(2);
    expect(typesOf(await h.eventStore.readStream(invoiceStreamId('inv_link_race')))).toEqual(['InvoiceCreated', 'InvoiceLinked']);
  });

  it('a payment id already recorded for one invoice, reported for another, is kept as refused (conflict) and answered 200', async () => {
    const first = await buy('conflict_a');
    const second = await buy('conflict_b');
    expect((await h.postSignedIpn({ ...finishedIpn(first.invoiceId, 9_100_000_004), payment_status: 'confirming' })).status).toBe(200);
    expect((await h.postSignedIpn(finishedIpn(second.invoiceId, 9_100_000_004))).status).toBe(200);
    expect(typesOf(await h.eventStore.readStream(paymentStreamId('9100000004')))).toEqual(['PaymentStatusRecorded']);
    const refused = await h.eventStore.readStream(refusedPaymentStreamId('9100000004'));
    expect(refused.map((event) => event.data)).toEqual([
      expect.objectContaining({ status: 'finished', invoiceId: second.invoiceId, errorKind: 'conflict' }),
    ]);
  });

  it('refuses to sell a retired tier or an unknown one, appending nothing', async () => {
    const { channelId, tierId } = await h.channelWithTier('retired');
    await h.flow.channels.retireTier({ channelId, tierId });
    const before = await h.eventCount();
    await expect(h.flow.invoices.createInvoice({ channelId, tierId, subscriberId: '1' })).rejects.toMatchObject({ kind: 'conflict' });
    await expect(h.flow.invoices.createInvoice({ channelId, tierId: 'nope', subscriberId: '1' })).rejects.toMatchObject({ kind: 'not_found' });
    expect(await h.eventCount()).toBe(before);
  });
});

import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNowPaymentsClient } from '../client/client.ts';
import { numberToDecimalString } from '../decimal.ts';
import { parseIpnPayload, type IpnPayload } from '../ipn-payload.ts';
import { IPN_SIGNATURE_HEADER, verifyIpnSignature } from '../ipn-signature.ts';
import { createNowPaymentsSandbox } from './sandbox.ts';

const API_KEY = 'SANDBOX-KEY-7QX2-4HJ9';
const IPN_SECRET = 'sandbox ipn secret';

/** A merchant endpoint: verifies every IPN like PayGate will, and can be told to fail. */
type Received = { verified: boolean; contentType: string | undefined; payload: IpnPayload | undefined; rawBody: string };
const received: Received[] = [];
let failuresToServe = 0;
const receiver = new Hono();
receiver.post('/webhooks/nowpayments', async (c) => {
  const rawBody = await c.req.text();
  if (failuresToServe > 0) {
    failuresToServe -= 1;
    return c.text('busy', 503);
  }
  const verification = verifyIpnSignature({ rawBody, signature: c.req.header(IPN_SIGNATURE_HEADER), secret: IPN_SECRET });
  const parsed = verification.ok ? parseIpnPayload(verification.payload) : undefined;
  received.push({
    verified: verification.ok,
    contentType: c.req.header('content-type'),
    payload: parsed?.ok ? parsed.payload : undefined,
    rawBody,
  });
  return verification.ok ? c.text('ok') : c.text('bad signature', 401);
});

const sandbox = createNowPaymentsSandbox({
  apiKey: API_KEY,
  ipnSecret: IPN_SECRET,
  ipnRetry: { attempts: 3, backoffMs: 10, timeoutMs: 1_000 },
});
let sandboxUrl = '';
let callbackUrl = '';
let closeSandbox: () => Promise<void> = async () => {};
let receiverServer: ReturnType<typeof serve> | undefined;

beforeAll(async () => {
  const listening = await sandbox.listen(0);
  sandboxUrl = listening.url;
  closeSandbox = listening.close;
  await new Promise<void>((resolve) => {
    receiverServer = serve({ fetch: receiver.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      callbackUrl = `http://127.0.0.1:${info.port}/webhooks/nowpayments`;
      resolve();
    });
  });
});

afterAll(async () => {
  await closeSandbox();
  await new Promise((resolve) => receiverServer?.close(resolve));
});

beforeEach(() => {
  received.length = 0;
  failuresToServe = 0;
});

const client = () => createNowPaymentsClient({ apiUrl: sandboxUrl, apiKey: API_KEY, timeoutMs: 2_000 });
let orderSeq = 0;
const newInvoice = (priceAmount = '25') =>
  client().createInvoice({
    priceAmount,
    priceCurrency: 'usd',
    orderId: `inv_${(orderSeq += 1)}`,
    orderDescription: 'Gold tier, 30 days',
    ipnCallbackUrl: callbackUrl,
  });

const payViaControlApi = async (ref: string, body: Record<string, unknown>) => {
  const response = await fetch(`${sandboxUrl}/sandbox/invoices/${ref}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

const statuses = () => received.map((r) => r.payload?.payment_status);

describe('NOWPayments sandbox over HTTP', () => {
  it('plays a finished payment through with signed IPNs in order', async () => {
    const invoice = await newInvoice('25');
    const { status, json } = await payViaControlApi(invoice.providerInvoiceId, { outcome: 'finished' });
    expect(status).toBe(200);
    expect(statuses()).toEqual(['waiting', 'confirming', 'confirmed', 'sending', 'finished']);
    expect(received.every((r) => r.verified && r.contentType === 'application/json')).toBe(true);

    const payments = new Set(received.map((r) => r.payload!.payment_id));
    expect(payments).toEqual(new Set([json['paymentId']]));
    const finished = received.at(-1)!.payload!;
    expect(finished).toMatchObject({
      invoice_id: Number(invoice.providerInvoiceId),
      order_id: invoice.orderId,
      price_currency: 'usd',
      pay_currency: 'usdttrc20',
      outcome_currency: 'usdttrc20',
    });
    expect(numberToDecimalString(finished.price_amount)).toBe('25');
    expect(numberToDecimalString(finished.pay_amount)).toBe('25.005002');
    expect(numberToDecimalString(finished.actually_paid)).toBe('25.005002');
    expect(numberToDecimalString(finished.outcome_amount!)).toBe('24.879976');
    expect(received.at(-1)!.rawBody).toContain('"actually_paid":25.005002');
    expect(numberToDecimalString(received[0]!.payload!.actually_paid)).toBe('0');
    // Each status is stamped when reached, so timestamps never go backwards.
    const stamps = received.map((r) => String(r.payload!.updated_at));
    expect([...stamps].sort()).toEqual(stamps);

    const current = await client().getPaymentStatus(Number(json['paymentId']));
    expect(current.payment_status).toBe('finished');
  });

  it('gives every payment a distinct numeric id', async () => {
    const invoice = await newInvoice();
    const a = await sandbox.pay(invoice.providerInvoiceId);
    const b = await sandbox.pay(invoice.orderId!, { again: true }); // by order id
    expect(Number.isSafeInteger(a.paymentId)).toBe(true);
    expect(b.paymentId).not.toBe(a.paymentId);
    expect(b.invoiceId).toBe(invoice.providerInvoiceId);
  });

  it.each([
    ['partially_paid', ['waiting', 'confirming', 'partially_paid'], '15.003001'],
    ['failed', ['waiting', 'confirming', 'failed'], '25.005002'],
    ['expired', ['waiting', 'expired'], '0'],
  ] as const)('outcome %s', async (outcome, sequence, paid) => {
    const invoice = await newInvoice('25');
    await payViaControlApi(invoice.providerInvoiceId, { outcome });
    expect(statuses()).toEqual(sequence);
    expect(received.every((r) => r.verified)).toBe(true);
    expect(numberToDecimalString(received.at(-1)!.payload!.actually_paid)).toBe(paid);
  });

  it('duplicate sends every IPN twice, byte for byte', async () => {
    const invoice = await newInvoice();
    await payViaControlApi(invoice.providerInvoiceId, { duplicate: true });
    expect(statuses()).toEqual(['waiting', 'waiting', 'confirming', 'confirming', 'confirmed', 'confirmed', 'sending', 'sending', 'finished', 'finished']);
    for (let i = 0; i < received.length; i += 2) expect(received[i]!.rawBody).toBe(received[i + 1]!.rawBody);
    expect(received.every((r) => r.verified)).toBe(true);
  });

  it('outOfOrder delivers an older status after a newer one', async () => {
    const invoice = await newInvoice();
    const { json } = await payViaControlApi(invoice.providerInvoiceId, { outOfOrder: true });
    expect(statuses()).toEqual(['waiting', 'confirming', 'confirmed', 'finished', 'sending']);
    expect(received.every((r) => r.verified)).toBe(true);
    const late = (json['deliveries'] as { status: string; late: boolean }[]).filter((d) => d.late).map((d) => d.status);
    expect(late).toEqual(['sending']);
    // The API reports where the payment really is, not the last IPN delivered.
    expect((await client().getPaymentStatus(Number(json['paymentId']))).payment_status).toBe('finished');
  });

  it('retries a callback that does not answer 2xx', async () => {
    const invoice = await newInvoice();
    failuresToServe = 2;
    const result = await sandbox.pay(invoice.providerInvoiceId, { outcome: 'expired' });
    const first = result.deliveries[0]!;
    expect(first.attempts.map((a) => a.httpStatus)).toEqual([503, 503, 200]);
    expect(first.delivered).toBe(true);
    expect(statuses()).toEqual(['waiting', 'expired']);
    expect(sandbox.sentIpns).toContain(first);
  });

  it('gives up after the configured attempts and says so', async () => {
    const invoice = await newInvoice();
    failuresToServe = 100;
    const result = await sandbox.pay(invoice.providerInvoiceId, { outcome: 'expired' });
    expect(result.deliveries.map((d) => [d.delivered, d.attempts.length])).toEqual([
      [false, 3],
      [false, 3],
    ]);
  });

  it('rejects a wrong api key with NOWPayments’ error shape', async () => {
    const response = await fetch(`${sandboxUrl}/v1/invoice`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'nope' },
      body: JSON.stringify({ price_amount: 1, price_currency: 'usd' }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ status: false, statusCode: 403, code: 'INVALID_API_KEY', message: 'Invalid api key' });
    const missing = await fetch(`${sandboxUrl}/v1/payment/1`);
    expect(missing.status).toBe(403);
  });

  it('validates invoice requests and names the fields', async () => {
    const response = await fetch(`${sandboxUrl}/v1/invoice`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({ price_amount: -5, price_currency: 'usd', ipn_callback_url: 'nope' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('INVALID_REQUEST_PARAMS');
    expect(body.message).toContain('"price_amount"');
    expect(body.message).toContain('"ipn_callback_url"');
  });

  it('control API: unknown invoice → 404, bad options → 400 naming them', async () => {
    expect((await payViaControlApi('999', {})).status).toBe(404);
    const bad = await payViaControlApi((await newInvoice()).providerInvoiceId, { outcome: 'paid', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.json['fields']).toEqual(['extra', 'outcome']);
  });

  it('checkout page: the Pay button plays the payment through', async () => {
    const invoice = await newInvoice('9.5');
    const page = await fetch(invoice.invoiceUrl);
    const html = await page.text();
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('9.5 USD');
    expect(html).toContain('<button type="submit">Pay</button>');
    const action = /action="([^"]+)"/.exec(html)![1]!.replaceAll('&amp;', '&');
    // Resolved like a browser does: relative to the page.
    const paid = await fetch(new URL(action, invoice.invoiceUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'payCurrency=btc&outcome=finished',
    });
    expect(paid.status).toBe(200);
    expect(await paid.text()).toContain('finished');
    expect(statuses()).toEqual(['waiting', 'confirming', 'confirmed', 'sending', 'finished']);
    expect(received.at(-1)!.payload!.pay_currency).toBe('btc');
    expect((await fetch(`${sandboxUrl}/payment/?iid=nope`)).status).toBe(404);

    // Back on the page: it says paid and offers no Pay; the form sent again from an old tab pays nothing.
    const after = await (await fetch(invoice.invoiceUrl)).text();
    expect(after).toContain(`Invoice ${invoice.providerInvoiceId} is paid`);
    expect(after).not.toContain('<button');
    const again = await fetch(new URL(action, invoice.invoiceUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'payCurrency=btc&outcome=finished',
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('is paid');
    expect(statuses()).toHaveLength(5);
  });

  it('control API: paying a paid invoice is refused (409) unless `again`; failed attempts before do not count as paid', async () => {
    const invoice = await newInvoice();
    expect((await payViaControlApi(invoice.orderId!, { outcome: 'expired' })).status).toBe(200);
    const first = await payViaControlApi(invoice.orderId!, {});
    expect(first.status).toBe(200);
    const refused = await payViaControlApi(invoice.orderId!, { outcome: 'failed' });
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ paidBy: first.json['paymentId'] });
    expect(String(refused.json['error'])).toMatch(/invoice inv_\d+ is already paid \(payment \d+\); pay again only on purpose/);
    const again = await payViaControlApi(invoice.orderId!, { again: true });
    expect(again.status).toBe(200);
    expect(again.json['paymentId']).not.toBe(first.json['paymentId']);
    const listed = (await (await fetch(`${sandboxUrl}/sandbox/invoices`)).json()) as { id: string; paid_by: number | null; payment_ids: number[] }[];
    expect(listed.find((i) => i.id === invoice.providerInvoiceId)).toMatchObject({ paid_by: first.json['paymentId'] });
  });
});

describe('NOWPayments sandbox configuration', () => {
  it('uses the injected clock and public URL (in-process, no listener)', async () => {
    const fixed = new Date('2030-05-06T07:08:09.000Z');
    const local = createNowPaymentsSandbox({
      apiKey: API_KEY,
      ipnSecret: IPN_SECRET,
      publicUrl: 'https://pay.example.test/np/',
      clock: () => fixed,
    });
    const response = await local.app.request('/v1/invoice', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: '{"price_amount":12.5,"price_currency":"eur","order_id":"inv_clock"}',
    });
    expect(response.status).toBe(200);
    const invoice = (await response.json()) as Record<string, unknown>;
    expect(invoice).toMatchObject({ price_amount: '12.5', price_currency: 'eur', created_at: fixed.toISOString(), ipn_callback_url: null });
    expect(invoice['invoice_url']).toBe(`https://pay.example.test/np/payment/?iid=${String(invoice['id'])}`);
    // No ipn_callback_url: the payment still happens, nobody is told.
    const paid = await local.pay('inv_clock');
    expect(paid.deliveries).toEqual([]);
    expect(paid.payAmount).toBe('13.502701'); // 12.5 EUR × 1.08 = 13.5 USD ÷ 0.9998, rounded up
    expect(local.sentIpns).toEqual([]);
  });

  it('refuses to start without credentials', () => {
    expect(() => createNowPaymentsSandbox({ apiKey: '', ipnSecret: IPN_SECRET })).toThrow(/api key/);
    expect(() => createNowPaymentsSandbox({ apiKey: API_KEY, ipnSecret: IPN_SECRET, defaultPayCurrency: 'doge' })).toThrow(/currency/);
  });
});

import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPayGateError, type PayGateError } from '@paygate/domain';
import { createNowPaymentsSandbox } from '../sandbox/sandbox.ts';
import { createNowPaymentsClient } from './client.ts';

const API_KEY = 'SANDBOX-KEY-7QX2-4HJ9';
const sandbox = createNowPaymentsSandbox({ apiKey: API_KEY, ipnSecret: 'ipn-secret', ipnRetry: { attempts: 1 } });
let sandboxUrl = '';
let closeSandbox: () => Promise<void> = async () => {};

// A misbehaving upstream: 502s, hangs, 429s and malformed 200s, depending on the path.
const broken = new Hono();
broken.post('/bad-gateway/v1/invoice', (c) => c.text('upstream down', 502));
broken.post('/slow/v1/invoice', async (c) => {
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  return c.json({});
});
broken.post('/limited/v1/invoice', (c) => c.json({ status: false, statusCode: 429, message: 'Too many requests' }, 429));
broken.post('/garbled/v1/invoice', (c) => c.json({ id: 'abc', invoice_url: 'not a url' }));
broken.post('/echo/v1/invoice', (c) => c.json({ status: false, message: `bad key ${c.req.header('x-api-key')}` }, 400));
let brokenUrl = '';
let brokenServer: ReturnType<typeof serve> | undefined;

beforeAll(async () => {
  const listening = await sandbox.listen(0);
  sandboxUrl = listening.url;
  closeSandbox = listening.close;
  await new Promise<void>((resolve) => {
    brokenServer = serve({ fetch: broken.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      brokenUrl = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
});

afterAll(async () => {
  await closeSandbox();
  await new Promise((resolve) => brokenServer?.close(resolve));
});

const client = (apiUrl = sandboxUrl, apiKey = API_KEY, timeoutMs = 2_000) => createNowPaymentsClient({ apiUrl, apiKey, timeoutMs });

const invoiceInput = {
  priceAmount: '19.99',
  priceCurrency: 'USD',
  orderId: 'inv_client_1',
  orderDescription: 'Gold tier, 30 days',
  ipnCallbackUrl: 'http://127.0.0.1:9/ipn',
  successUrl: 'https://t.me/paygate_bot',
};

/** Awaits a rejection and checks it is a PayGateError of `kind` that never mentions `secret`. */
const expectError = async (promise: Promise<unknown>, kind: PayGateError['kind'], secret = API_KEY) => {
  const error = await promise.then(
    () => expect.unreachable('expected a rejection'),
    (e: unknown) => e,
  );
  expect(isPayGateError(error)).toBe(true);
  const e = error as PayGateError;
  expect(e.kind).toBe(kind);
  const everything = JSON.stringify([e.message, e.details, e.stack, String(e.cause), (e.cause as Error | undefined)?.stack]);
  expect(everything).not.toContain(secret);
  return e;
};

describe('NOWPayments client against the sandbox', () => {
  it('reports the API status', async () => {
    expect(await client().status()).toEqual({ ok: true, message: 'OK' });
  });

  it('creates an invoice with the exact decimal price', async () => {
    const invoice = await client().createInvoice(invoiceInput);
    expect(invoice.providerInvoiceId).toMatch(/^\d{10}$/);
    expect(invoice.invoiceUrl).toBe(`${sandboxUrl}/payment/?iid=${invoice.providerInvoiceId}`);
    expect(invoice).toMatchObject({ orderId: 'inv_client_1', priceAmount: '19.99', priceCurrency: 'usd', payCurrency: null });
    const stored = sandbox.invoices.get(invoice.providerInvoiceId)!;
    expect(stored).toMatchObject({ priceAmount: '19.99', ipnCallbackUrl: invoiceInput.ipnCallbackUrl, successUrl: invoiceInput.successUrl });
  });

  it.each(['0.1', '1234567.89', '0.000001', '100'])('keeps %s digit for digit', async (priceAmount) => {
    const invoice = await client().createInvoice({ ...invoiceInput, priceAmount });
    expect(invoice.priceAmount).toBe(priceAmount);
    expect(sandbox.invoices.get(invoice.providerInvoiceId)!.priceAmount).toBe(priceAmount);
  });

  it('refuses amounts it cannot send exactly before calling anyone', async () => {
    for (const priceAmount of ['0', '-1', '1e3', '19.999999999999999999', ' 1', '']) {
      await expectError(client().createInvoice({ ...invoiceInput, priceAmount }), 'validation');
    }
  });

  it('rejects a wrong api key without ever repeating it', async () => {
    const wrongKey = 'WRONG-KEY-ABCD-1234';
    const e = await expectError(client(sandboxUrl, wrongKey).createInvoice(invoiceInput), 'validation', wrongKey);
    expect(e.message).toContain('Invalid api key');
    expect(e.details).toMatchObject({ status: 403, code: 'INVALID_API_KEY' });
  });

  it('passes NOWPayments validation messages through', async () => {
    const e = await expectError(client().createInvoice({ ...invoiceInput, priceCurrency: 'xyz' }), 'validation');
    expect(e.message).toContain('price_currency');
  });

  it('reads payment status, and a missing payment is not_found', async () => {
    const invoice = await client().createInvoice({ ...invoiceInput, ipnCallbackUrl: `${sandboxUrl}/nowhere` });
    const paid = await sandbox.pay(invoice.providerInvoiceId, { outcome: 'finished' });
    const payment = await client().getPaymentStatus(paid.paymentId);
    expect(payment).toMatchObject({ payment_id: paid.paymentId, payment_status: 'finished', price_amount: 19.99, pay_currency: 'usdttrc20' });
    await expectError(client().getPaymentStatus('1'), 'not_found');
    await expectError(client().getPaymentStatus('../status'), 'validation');
  });
});

describe('NOWPayments client failures', () => {
  it('5xx is unavailable', async () => {
    const e = await expectError(client(`${brokenUrl}/bad-gateway`).createInvoice(invoiceInput), 'unavailable');
    expect(e.message).toContain('502');
  });

  it('a slow answer times out as unavailable', async () => {
    const e = await expectError(client(`${brokenUrl}/slow`, API_KEY, 100).createInvoice(invoiceInput), 'unavailable');
    expect(e.message).toContain('timed out after 100 ms');
  });

  it('a closed port is unavailable', async () => {
    await expectError(client('http://127.0.0.1:9').status(), 'unavailable');
  });

  it('429 is rate_limited, a malformed 200 is unavailable', async () => {
    await expectError(client(`${brokenUrl}/limited`).createInvoice(invoiceInput), 'rate_limited');
    const e = await expectError(client(`${brokenUrl}/garbled`).createInvoice(invoiceInput), 'unavailable');
    expect(e.details['fields']).toEqual(expect.arrayContaining(['id', 'invoice_url', 'price_amount']));
  });

  it('redacts the key even when the provider echoes it', async () => {
    const e = await expectError(client(`${brokenUrl}/echo`).createInvoice(invoiceInput), 'validation');
    expect(e.message).toContain('bad key [redacted]');
  });

  it('refuses an api key a header cannot carry, without quoting it', () => {
    const badKey = 'KEY-WITH\nNEWLINE';
    let error: unknown;
    try {
      client(sandboxUrl, badKey);
    } catch (e) {
      error = e;
    }
    expect(isPayGateError(error) && error.kind).toBe('validation');
    expect(String((error as Error).message)).not.toContain('NEWLINE');
  });
});

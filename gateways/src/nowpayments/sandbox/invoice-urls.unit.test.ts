import { describe, expect, it } from 'vitest';
import { createNowPaymentsSandbox } from './sandbox.ts';

const API_KEY = 'SANDBOX-KEY-URLS';
const WEBHOOK = 'http://127.0.0.1:8080/webhooks/nowpayments';

const createInvoice = (sandbox: ReturnType<typeof createNowPaymentsSandbox>, fields: Record<string, unknown>) =>
  sandbox.app.request('/v1/invoice', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({ price_amount: 12.5, price_currency: 'usd', order_id: 'inv_urls', ...fields }),
  });

const expect400 = async (response: Response, field: string) => {
  expect(response.status).toBe(400);
  expect(((await response.json()) as { message: string }).message).toContain(`"${field}"`);
};

describe('NOWPayments sandbox: invoice URLs', () => {
  const open = createNowPaymentsSandbox({ apiKey: API_KEY, ipnSecret: 'ipn' });

  it.each(['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'ftp://example.com/x', 'not a url'])(
    'refuses success_url / cancel_url / ipn_callback_url %s with 400',
    async (bad) => {
      for (const field of ['success_url', 'cancel_url', 'ipn_callback_url']) await expect400(await createInvoice(open, { [field]: bad }), field);
      expect(open.invoices.size).toBe(0);
    },
  );

  it('takes http and https links, and any http(s) callback when no callback is configured', async () => {
    const response = await createInvoice(open, { success_url: 'https://t.me/paygate_bot', cancel_url: 'http://localhost/cancel', ipn_callback_url: 'https://elsewhere.example/ipn' });
    expect(response.status).toBe(200);
  });

  it('with allowedCallbackUrl, takes only that callback (compared as parsed URLs)', async () => {
    let current = WEBHOOK;
    const guarded = createNowPaymentsSandbox({ apiKey: API_KEY, ipnSecret: 'ipn', allowedCallbackUrl: () => current });
    for (const other of ['https://attacker.example/collect', 'http://127.0.0.1:8080/webhooks/other', 'http://127.0.0.1:9999/webhooks/nowpayments']) {
      await expect400(await createInvoice(guarded, { ipn_callback_url: other }), 'ipn_callback_url');
    }
    expect(guarded.invoices.size).toBe(0);
    expect((await createInvoice(guarded, { ipn_callback_url: WEBHOOK })).status).toBe(200);
    expect((await createInvoice(guarded, { ipn_callback_url: 'HTTP://127.0.0.1:8080/webhooks/nowpayments' })).status).toBe(200);
    expect((await createInvoice(guarded, {})).status).toBe(200); // no callback: nobody is told, nothing is relayed
    current = 'https://paygate.example/webhooks/nowpayments'; // read per request
    await expect400(await createInvoice(guarded, { ipn_callback_url: WEBHOOK }), 'ipn_callback_url');
  });

  it('a fixed string works too, and an allowed URL that cannot be read allows nothing', async () => {
    const fixed = createNowPaymentsSandbox({ apiKey: API_KEY, ipnSecret: 'ipn', allowedCallbackUrl: WEBHOOK });
    expect((await createInvoice(fixed, { ipn_callback_url: WEBHOOK })).status).toBe(200);
    const unknown = createNowPaymentsSandbox({
      apiKey: API_KEY,
      ipnSecret: 'ipn',
      allowedCallbackUrl: () => {
        throw new Error('not listening yet');
      },
    });
    await expect400(await createInvoice(unknown, { ipn_callback_url: WEBHOOK }), 'ipn_callback_url');
  });
});

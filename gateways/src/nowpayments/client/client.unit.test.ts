import { describe, expect, it } from 'vitest';
import { createNowPaymentsClient, type CreateInvoiceInput } from './client.ts';

/** The client against a stub that records the request body and answers like POST /v1/invoice. */
const capture = () => {
  const bodies: string[] = [];
  const client = createNowPaymentsClient({
    apiUrl: 'http://nowpayments.invalid',
    apiKey: 'unit-key',
    timeoutMs: 1_000,
    fetch: async (_url, init) => {
      bodies.push(String(init.body));
      return Response.json({ id: '4000000001', invoice_url: 'http://nowpayments.invalid/payment/?iid=4000000001', price_amount: '12.5', price_currency: 'usd' });
    },
  });
  return { client, bodies };
};

const input: CreateInvoiceInput = {
  priceAmount: '12.5',
  priceCurrency: 'USD',
  orderId: 'inv_0123456789abcdef01234567',
  orderDescription: 'Gold tier',
  ipnCallbackUrl: 'https://paygate.example/webhooks/nowpayments',
};

describe('NOWPayments client: order_description', () => {
  it.each([
    ['Cyrillic', 'Крипто Клуб: Премиум (30 days)', 'Kripto Klub: Premium (30 days)'],
    ['emoji', '🚀🔥 Moon Signals: VIP (30 days)', 'Moon Signals: VIP (30 days)'],
    ['mixed', '💎 Трейдинг PRO / Signals: Gold (7 days)', 'Treiding PRO - Signals: Gold (7 days)'],
    ['nothing but emoji', '🚀🔥', 'Order inv_0123456789abcdef01234567'],
  ])('is sent as printable ASCII for a %s title', async (_name, orderDescription, expected) => {
    const { client, bodies } = capture();
    await client.createInvoice({ ...input, orderDescription });
    expect(bodies[0]).toMatch(/^[\x20-\x7e]*$/);
    expect((JSON.parse(bodies[0]!) as { order_description: string }).order_description).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { capInvoiceCreation, INVOICE_CAP_KEY, invoiceCapWait, type SharedRateLimiter } from './invoice-cap.ts';

const invoice = { invoiceId: 'inv-1', invoiceUrl: 'https://pay.example/inv-1', price: { amount: 100n, currency: 'USD', decimals: 2 }, durationDays: 30 };
const input = { channelId: 'ch', tierId: 't', subscriberId: '7' };

describe('capInvoiceCreation', () => {
  it('creates invoices within the shared budget, counting all users under one key', async () => {
    const keys: string[] = [];
    const limiter: SharedRateLimiter = { take: async (key) => (keys.push(key), { allowed: true }) };
    const capped = capInvoiceCreation(limiter, { createInvoice: async () => invoice as never });
    expect(await capped.createInvoice(input)).toBe(invoice);
    await capped.createInvoice({ ...input, subscriberId: '8' });
    expect(keys).toEqual([INVOICE_CAP_KEY, INVOICE_CAP_KEY]);
  });

  it('over the cap: refuses before calling NOWPayments, saying how long to wait', async () => {
    let created = 0;
    const capped = capInvoiceCreation({ take: async () => ({ allowed: false, retryAfterMs: 12_300 }) }, {
      createInvoice: async () => (created++, invoice as never),
    });
    const error = await capped.createInvoice(input).catch((caught: unknown) => caught);
    expect(created).toBe(0);
    expect(error).toMatchObject({ kind: 'rate_limited', details: { retryAfterSeconds: 13 } });
    expect(invoiceCapWait(error)).toBe(13);
    expect(invoiceCapWait(new Error('other'))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { IdSchema } from '@paygate/domain';
import * as v from 'valibot';
import { ipnCallbackUrl, newInvoiceId } from './invoice-gateway.ts';

describe('invoice gateway helpers', () => {
  it.each([
    ['https://pay.example', 'https://pay.example/webhooks/nowpayments'],
    ['https://pay.example/', 'https://pay.example/webhooks/nowpayments'],
    ['https://pay.example/paygate//', 'https://pay.example/paygate/webhooks/nowpayments'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000/webhooks/nowpayments'],
  ])('callback URL for %s', (publicUrl, expected) => expect(ipnCallbackUrl(publicUrl)).toBe(expected));

  it('makes distinct invoice ids that are valid stream ids and order ids', () => {
    const ids = new Set(Array.from({ length: 200 }, newInvoiceId));
    expect(ids.size).toBe(200);
    for (const id of ids) {
      expect(id).toMatch(/^inv_[0-9a-f]{24}$/);
      expect(v.is(IdSchema, id)).toBe(true);
    }
  });
});

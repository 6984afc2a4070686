import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOWPAYMENTS_PAYMENT_STATUSES, parseIpnPayload } from './ipn-payload.ts';

const file = JSON.parse(readFileSync(new URL('./testdata/nowpayments-ipn-vectors.json', import.meta.url), 'utf8')) as {
  vectors: { rawBody: string }[];
};
const docsExample = JSON.parse(file.vectors[0]!.rawBody) as Record<string, unknown>;
const nested = JSON.parse(file.vectors[1]!.rawBody) as Record<string, unknown>;

describe('parseIpnPayload', () => {
  it('accepts the documented examples and keeps unknown keys', () => {
    for (const body of [docsExample, nested]) {
      const result = parseIpnPayload(body);
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.payload).toEqual(body);
    }
    const result = parseIpnPayload(nested);
    expect(result.ok && result.payload['fee']).toEqual({
      currency: 'btc',
      depositFee: 0.09853637216235617,
      withdrawalFee: 0,
      serviceFee: 0,
    });
  });

  it('accepts string ids, null optionals and epoch-millisecond timestamps', () => {
    const result = parseIpnPayload({
      ...docsExample,
      payment_id: '5077125051',
      invoice_id: 6273668572,
      order_id: null,
      outcome_amount: null,
      updated_at: 1767082687409,
    });
    expect(result.ok).toBe(true);
  });

  it.each(NOWPAYMENTS_PAYMENT_STATUSES)('accepts status %s', (status) => {
    expect(parseIpnPayload({ ...docsExample, payment_status: status }).ok).toBe(true);
  });

  it('names every offending field', () => {
    const { payment_id: _, ...withoutId } = docsExample;
    const result = parseIpnPayload({
      ...withoutId,
      payment_status: 'paid',
      price_amount: '170',
      actually_paid: -1,
      order_id: 7,
    });
    expect(result).toEqual({
      ok: false,
      fields: ['actually_paid', 'order_id', 'payment_id', 'payment_status', 'price_amount'],
    });
  });

  it('rejects non-objects with a body-level path', () => {
    expect(parseIpnPayload([1])).toEqual({ ok: false, fields: ['(body)'] });
    expect(parseIpnPayload(null)).toEqual({ ok: false, fields: ['(body)'] });
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseIpnPayload(value);
        if (!result.ok) expect(result.fields.length).toBeGreaterThan(0);
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(docsExample)), fc.jsonValue(), (key, value) => {
        const result = parseIpnPayload({ ...docsExample, [key]: value });
        if (!result.ok) expect(result.fields).toContain(key);
      }),
    );
  });
});

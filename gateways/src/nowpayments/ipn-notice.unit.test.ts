import { describe, expect, it } from 'vitest';
import { normalizeNotice } from '@paygate/domain';
import { IPN_FIELD_OF_NOTICE, ipnToNotice } from './ipn-notice.ts';
import { parseIpnPayload, type IpnPayload } from './ipn-payload.ts';

const payload = (extra: Record<string, unknown> = {}): IpnPayload => {
  const parsed = parseIpnPayload({
    payment_id: 5077125051,
    payment_status: 'partially_paid',
    pay_address: 'T123',
    price_amount: 12.5,
    price_currency: 'usd',
    pay_amount: 12.51,
    actually_paid: 1e-7,
    pay_currency: 'usdttrc20',
    order_id: 'inv_1',
    outcome_amount: 1131.7812095,
    outcome_currency: 'usdttrc20',
    parent_payment_id: 5077125050,
    ...extra,
  });
  if (!parsed.ok) throw new Error(`test payload invalid: ${parsed.fields.join(', ')}`);
  return parsed.payload;
};

describe('ipnToNotice', () => {
  it('reads amounts digit for digit and ids as text', () => {
    expect(ipnToNotice(payload())).toMatchObject({
      paymentId: '5077125051',
      orderId: 'inv_1',
      status: 'partially_paid',
      priceAmount: '12.5',
      actuallyPaid: '0.0000001',
      outcomeAmount: '1131.7812095',
      parentPaymentId: '5077125050',
    });
  });

  it('gives null for what the IPN left out', () => {
    expect(ipnToNotice(payload({ order_id: null, outcome_amount: null, outcome_currency: null, parent_payment_id: null }))).toMatchObject({
      orderId: null,
      outcomeAmount: null,
      outcomeCurrency: null,
      parentPaymentId: null,
    });
  });

  it('names a notification by its signed content, whatever the key order', () => {
    const { ipnId } = ipnToNotice(payload());
    const reordered = Object.fromEntries(Object.entries(payload()).reverse()) as IpnPayload;
    expect(ipnId).toMatch(/^sha256-[0-9a-f]{64}$/);
    expect(ipnToNotice(reordered).ipnId).toBe(ipnId);
    expect(ipnToNotice(payload({ actually_paid: 2 })).ipnId).not.toBe(ipnId);
  });

  it('gives a notice the domain accepts', () => {
    expect(() => normalizeNotice({ ...ipnToNotice(payload()), receivedAt: '2026-01-01T00:00:00.000Z' })).not.toThrow();
  });

  it('names the IPN field behind every notice field', () => {
    const notice = ipnToNotice(payload());
    const mapped = Object.keys(notice).filter((field) => field !== 'ipnId');
    expect(Object.keys(IPN_FIELD_OF_NOTICE).sort()).toEqual(mapped.sort());
  });
});

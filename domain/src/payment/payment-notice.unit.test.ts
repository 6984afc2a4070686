import { describe, expect, it } from 'vitest';
import { normalizeNotice, type PaymentNotice } from './payment-notice.ts';

const notice: PaymentNotice = {
  paymentId: '5077125051',
  orderId: 'inv1',
  status: 'waiting',
  priceAmount: 12.5,
  priceCurrency: 'usd',
  payAmount: 155.38559757,
  actuallyPaid: 0,
  payCurrency: 'mana',
  outcomeAmount: 1e-7,
  outcomeCurrency: 'trx',
  parentPaymentId: null,
  ipnId: null,
  receivedAt: '2026-01-02T00:00:00.000Z',
};

describe('normalizeNotice', () => {
  it('keeps amounts as exact canonical text and upper-cases currencies; nulls become absent', () => {
    expect(normalizeNotice(notice)).toEqual({
      paymentId: '5077125051',
      orderId: 'inv1',
      status: 'waiting',
      priceAmount: '12.5',
      priceCurrency: 'USD',
      payAmount: '155.38559757',
      actuallyPaid: '0',
      payCurrency: 'MANA',
      outcomeAmount: '0.0000001',
      outcomeCurrency: 'TRX',
      receivedAt: '2026-01-02T00:00:00.000Z',
    });
    expect(Object.keys(normalizeNotice({ ...notice, orderId: null }))).not.toContain('orderId');
  });

  it.each<[string, Partial<PaymentNotice>, string]>([
    ['a negative amount', { actuallyPaid: '-1' }, 'actuallyPaid must not be negative'],
    ['a malformed amount', { priceAmount: '12,50' }, 'not a decimal amount'],
    ['an outcome amount without currency', { outcomeCurrency: null }, 'come together'],
    ['a bad timestamp', { receivedAt: 'now' }, 'receivedAt'],
    ['an empty payment id', { paymentId: '' }, 'paymentId'],
    ['an unknown status', { status: 'paid' as PaymentNotice['status'] }, 'status'],
  ])('rejects %s', (_what, patch, message) => {
    expect(() => normalizeNotice({ ...notice, ...patch })).toThrow(expect.objectContaining({ kind: 'validation', message: expect.stringContaining(message) }));
  });
});

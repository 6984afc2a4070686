import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../decider/index.ts';
import { normalizeNotice, type PaymentNotice } from './payment-notice.ts';
import { refusedNotice, refusedPaymentDecider, type RecordRefusedNotice } from './refused-payment-decider.ts';
import { parseRefusedPaymentEvent, type PaymentNoticeRefused } from './refused-payment-events.ts';

const given = deciderSpec(refusedPaymentDecider, { validateEvent: parseRefusedPaymentEvent });
const at = '2026-01-01T00:00:00.000Z';
const raw: PaymentNotice = {
  paymentId: '5077125051',
  orderId: 'inv_1',
  status: 'finished',
  priceAmount: 12.5,
  priceCurrency: 'usd',
  actuallyPaid: '100',
  payCurrency: 'xyz',
  outcomeAmount: 99.5,
  outcomeCurrency: 'xyz',
  receivedAt: at,
};
const notice = normalizeNotice(raw);
const command = (status = notice.status): RecordRefusedNotice => ({
  type: 'RecordRefusedNotice',
  data: { notice: { ...notice, status }, invoiceId: 'inv_1', errorKind: 'validation', reason: 'unknown currency "XYZ"', refusedAt: at },
});
const refused = (status = notice.status): PaymentNoticeRefused => ({
  type: 'PaymentNoticeRefused',
  data: {
    paymentId: notice.paymentId,
    status,
    invoiceId: 'inv_1',
    errorKind: 'validation',
    reason: 'unknown currency "XYZ"',
    notice: { ...notice, status },
    refusedAt: at,
  },
});

describe('refused payment notices', () => {
  it('keeps a refused notice whole', () => given([]).when(command()).then([refused()]));
  it('keeps each status once', () => given([refused()]).when(command()).then([]));
  it('keeps another status of the same payment', () => given([refused()]).when(command('refunded')).then([refused('refunded')]));

  it('gives the notice back, ready for recordIpn once the cause is fixed', () => {
    const again = refusedNotice(refused());
    expect(again).toMatchObject({ paymentId: '5077125051', orderId: 'inv_1', status: 'finished', actuallyPaid: '100', payCurrency: 'XYZ' });
    expect(normalizeNotice({ ...again, receivedAt: at })).toEqual(notice);
  });

  it('rejects a stored event whose notice breaks the notice schema', () => {
    const broken = refused();
    expect(() => parseRefusedPaymentEvent({ ...broken, data: { ...broken.data, notice: { ...notice, priceAmount: '12.50' } } })).toThrow(
      /notice\.priceAmount/,
    );
  });
});

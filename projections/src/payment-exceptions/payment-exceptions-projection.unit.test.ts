import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@paygate/domain';
import { foldRows } from '../rows/index.ts';
import { paymentExceptionsProjection } from './payment-exceptions-projection.ts';

// The payment_exceptions read model as a pure fold: what opens an exception and what closes it.
let position = 0n;
const event = (type: string, data: Record<string, unknown>): RecordedEvent => {
  position += 1n;
  return { id: `e${position}`, type, data, metadata: {}, streamId: 'x', streamRevision: 0n, position: { commit: position, prepare: 0n }, recordedAt: new Date() };
};
const at = '2026-01-02T00:00:00.000Z';
const usdt = (amount: string) => ({ amount, currency: 'USDTTRC20', decimals: 6 });
const price = { amount: '1250', currency: 'USD', decimals: 2 };
const ref = { paymentId: 'p1', invoiceId: 'inv-1', channelId: 'ch-1', tierId: 'monthly', subscriberId: '7', receivedAt: at };
const underpaid = event('PaymentUnderpaid', { ...ref, actuallyPaid: '6.25', payCurrency: 'USDTTRC20', price, payAmount: '12.5' });
const received = event('PaymentReceived', { ...ref, price, durationDays: 30, actuallyPaid: usdt('12500000'), outcome: usdt('12400000') });
const rows = (...events: RecordedEvent[]) => foldRows(paymentExceptionsProjection.rows, events).payment_exceptions!;

describe('payment_exceptions projection (fold)', () => {
  it('an underpaid payment is open, and resolved once it grants after all', () => {
    const [open] = rows(underpaid);
    expect(open).toMatchObject({ payment_id: 'p1', kind: 'underpaid', state: 'open', invoice_id: 'inv-1', paid: '6.25 USDTTRC20', detail: 'paid 6.25 of 12.5 USDTTRC20 for 12.50 USD' });
    expect(rows(underpaid, received)[0]).toMatchObject({ state: 'resolved' });
  });

  it('a PaymentReceived of a payment that never was an exception adds no row', () => {
    expect(rows(event('PaymentReceived', { ...ref, paymentId: 'p9', price, durationDays: 30, actuallyPaid: usdt('1'), outcome: usdt('1') }))).toEqual([]);
  });

  it('a decision is kept: closed stays closed whatever outcome follows', () => {
    const closed = event('PaymentExceptionClosed', { paymentId: 'p1', kind: 'underpaid', decidedBy: 'olga', reason: 'refunded', decidedAt: at });
    const again = event('PaymentStatusConflicted', { ...ref, actuallyPaid: '6.25', payCurrency: 'USDTTRC20', currentStatus: 'partially_paid', reportedStatus: 'expired' });
    expect(rows(underpaid, closed, again)[0]).toMatchObject({ state: 'closed', decided_by: 'olga', decision: 'refunded', kind: 'underpaid' });
  });

  it('an unmatched payment attached later names the invoice it was attached to', () => {
    const unmatched = event('UnmatchedPaymentRecorded', {
      paymentId: 'p2',
      orderId: 'inv-gone',
      status: 'finished',
      priceAmount: '12.5',
      priceCurrency: 'USD',
      actuallyPaid: '12.5',
      payCurrency: 'USDTTRC20',
      outcomeAmount: '12.4',
      outcomeCurrency: 'USDTTRC20',
      receivedAt: at,
    });
    const attached = event('PaymentExceptionAttached', { paymentId: 'p2', kind: 'unmatched', invoiceId: 'inv-7', decidedBy: 'olga', note: 'matched by hand', decidedAt: at });
    expect(rows(unmatched)[0]).toMatchObject({ kind: 'unmatched', state: 'open', invoice_id: null, order_id: 'inv-gone', arrived: '12.4 USDTTRC20' });
    expect(rows(unmatched, attached)[0]).toMatchObject({ state: 'attached', invoice_id: 'inv-7', decision: 'matched by hand' });
  });
});

import { describe, expect, it } from 'vitest';
import type { EventStore } from '@paygate/domain';
import { commandSpec, testClock } from '@paygate/testkit';
import { channelStream, invoiceEvents, notice } from '@paygate/testkit/fixtures';
import { createPaymentExceptions } from './payment-exceptions.ts';
import { recordIpn } from './record-ipn.ts';

// An unmatched payment (its order id names no invoice) attached by an operator: never when
// NOWPayments reported it refunded; and a refund after the attach is that invoice's refund.

const clock = testClock('2026-01-02T00:00:00.000Z');
const shop = { ...channelStream({ channelId: 'ch1' }), 'invoice-inv_1': invoiceEvents({ invoiceId: 'inv_1', channelId: 'ch1', subscriberId: '777' }) };
const lost = (status: Parameters<typeof notice>[2]) => notice('order-nobody-knows', '5001', status, { ipnId: `ipn-${status}` });
const operator = { paymentId: '5001', decidedBy: 'ops' };
const exceptions = (eventStore: EventStore) => createPaymentExceptions({ eventStore, clock });

describe('payment exceptions and refunds', () => {
  it('an unmatched payment reported finished and then refunded cannot be attached; it can be closed', async () => {
    const { result } = await commandSpec()
      .given(shop)
      .when(async ({ eventStore }) => {
        await recordIpn({ eventStore, clock })(lost('finished'));
        await recordIpn({ eventStore, clock })(lost('refunded'));
        const refused = await exceptions(eventStore)
          .attach({ ...operator, invoiceId: 'inv_1', note: 'meant for inv_1' })
          .catch((error: unknown) => error);
        const closed = await exceptions(eventStore).close({ ...operator, reason: 'refunded by NOWPayments' });
        return { refused, closed };
      })
      .thenAppends({ 'unmatched-payment-5001': [{ type: 'UnmatchedPaymentRecorded' }, { type: 'UnmatchedPaymentRecorded' }], 'payment-5001': [{ type: 'PaymentExceptionClosed' }] });
    expect(result.refused).toMatchObject({ kind: 'conflict', message: expect.stringContaining('refunded by NOWPayments') });
    expect(result.closed.eventTypes).toEqual(['PaymentExceptionClosed']);
  });

  it('a refund reported after the attach is recorded on the payment against the attached invoice: PaymentRefunded, granted', async () => {
    const { result, appended } = await commandSpec()
      .given(shop)
      .when(async ({ eventStore }) => {
        await recordIpn({ eventStore, clock })(lost('finished'));
        await exceptions(eventStore).attach({ ...operator, invoiceId: 'inv_1', note: 'meant for inv_1' });
        const refunded = await recordIpn({ eventStore, clock })(lost('refunded'));
        const again = await recordIpn({ eventStore, clock })(lost('refunded'));
        return { refunded, again };
      })
      .thenAppends({
        'unmatched-payment-5001': [{ type: 'UnmatchedPaymentRecorded' }],
        'invoice-inv_1': [{ type: 'InvoicePaid' }],
        'payment-5001': [{ type: 'PaymentExceptionAttached' }, { type: 'PaymentReceived' }, { type: 'PaymentStatusRecorded' }, { type: 'PaymentRefunded' }],
      });
    expect(result.refunded).toMatchObject({ outcome: 'recorded', streamId: 'payment-5001', eventTypes: ['PaymentStatusRecorded', 'PaymentRefunded'] });
    expect(result.again).toMatchObject({ outcome: 'duplicate', eventTypes: [] });
    expect(appended['payment-5001']!.at(-1)!.data).toMatchObject({ paymentId: '5001', invoiceId: 'inv_1', subscriberId: '777', granted: true });
  });
});

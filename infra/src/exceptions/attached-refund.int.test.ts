import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaymentExceptions } from '@paygate/commands';
import { paymentStreamId, splitStreamId, subscriptionStreamId, unmatchedPaymentStreamId } from '@paygate/domain';
import { DEFAULT_READ_MODEL_SCHEMA, findPayment } from '@paygate/projections';
import { waitFor } from '@paygate/testkit';
import { runLedgerCheck } from '../cli/commands/ledger-check.ts';
import { finishedIpn } from '../flows/test-support/finished-ipn.ts';
import { startMoneyWorld, WAIT, type MoneyWorld } from './test-support/money-world.ts';

// A payment whose order id named no invoice, attached by an operator, then refunded by
// NOWPayments: the refunded IPN (same unknown order id) is that invoice's refund, so the refund
// flow takes back what the attach granted — access ended, split reversed, the ledger balanced.
// And a payment NOWPayments had reported refunded cannot be attached at all.

let w: MoneyWorld;
const CHANNEL = 'ch_attached_refund';
beforeAll(async () => {
  w = await startMoneyWorld(CHANNEL);
});
afterAll(async () => {
  await w?.close();
});

const types = async (streamId: string) => (await w.stream(streamId)).map((event) => event.type);
const post = async (body: Record<string, unknown>) => expect((await w.h.postSignedIpn(body)).status).toBe(200);

describe('a refund of an attached unmatched payment', () => {
  it('runs the refund flow on the invoice it was attached to', async () => {
    const { subscriber, invoiceId } = await w.buy('Una');
    const paymentId = 9_400_000_001;
    await post(finishedIpn('inv_nobody_knows', paymentId));
    expect(await types(unmatchedPaymentStreamId(String(paymentId)))).toEqual(['UnmatchedPaymentRecorded']);
    const exceptions = createPaymentExceptions({ eventStore: w.h.eventStore, clock: () => new Date() });
    await exceptions.attach({ paymentId: String(paymentId), invoiceId, decidedBy: 'olga', note: 'paid to an old link' });
    const subscription = subscriptionStreamId(CHANNEL, String(subscriber));
    await waitFor('access granted', async () => (await types(subscription)).includes('SubscriptionStarted'), WAIT);
    await waitFor('the split', async () => (await types(splitStreamId(String(paymentId)))).includes('SplitCalculated'), WAIT);
    await w.settle();
    // The payments read model shows the attached payment as received (its notices are on the unmatched stream).
    expect(await findPayment(w.db, DEFAULT_READ_MODEL_SCHEMA, String(paymentId))).toMatchObject({ invoiceId, status: 'finished', outcome: 'received' });

    await post(finishedIpn('inv_nobody_knows', paymentId, { payment_status: 'refunded' }));
    expect(await types(paymentStreamId(String(paymentId)))).toEqual(['PaymentExceptionAttached', 'PaymentReceived', 'PaymentStatusRecorded', 'PaymentRefunded']);
    expect(await types(unmatchedPaymentStreamId(String(paymentId)))).toEqual(['UnmatchedPaymentRecorded']);
    await waitFor('the refund recorded', async () => (await types(subscription)).includes('SubscriptionRefunded'), WAIT);
    await waitFor('the split reversed', async () => (await types(splitStreamId(String(paymentId)))).includes('SplitReversed'), WAIT);
    const refunded = (await w.stream(subscription)).find((event) => event.type === 'SubscriptionRefunded')!;
    expect(refunded.data).toMatchObject({ invoiceId, paymentId: String(paymentId), effect: 'revoked' });

    await w.settle();
    expect(await findPayment(w.db, DEFAULT_READ_MODEL_SCHEMA, String(paymentId))).toMatchObject({ status: 'refunded', outcome: 'refunded' });
    const check = await runLedgerCheck(w.db, w.h.eventStore);
    expect(check.discrepancies).toEqual([]);
    expect(check.ledger.accounts).toEqual([expect.objectContaining({ channelId: CHANNEL, received: 0n, fees: 0n, pending: 0n, paidOut: 0n })]);
    expect(await w.h.broker.deadLetters.list()).toEqual([]);
  });

  it('a payment reported finished and then refunded is not attached: nothing is granted', async () => {
    const { invoiceId } = await w.buy('Ugo');
    const paymentId = 9_400_000_002;
    await post(finishedIpn('inv_nobody_knows_either', paymentId));
    await post(finishedIpn('inv_nobody_knows_either', paymentId, { payment_status: 'refunded' }));
    const exceptions = createPaymentExceptions({ eventStore: w.h.eventStore, clock: () => new Date() });
    const before = await w.h.eventCount();
    await expect(exceptions.attach({ paymentId: String(paymentId), invoiceId, decidedBy: 'olga', note: 'x' })).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('was refunded by NOWPayments'),
    });
    expect(await w.h.eventCount()).toBe(before);
  });
});

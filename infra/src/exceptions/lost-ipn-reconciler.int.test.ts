import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpnReconciler, type IpnReconciler } from '@paygate/commands';
import { paymentStreamId, subscriptionStreamId } from '@paygate/domain';
import { createNowPaymentsClient, IPN_SIGNATURE_HEADER, ipnToNotice } from '@paygate/gateways';
import { createReconcileSource, DEFAULT_READ_MODEL_SCHEMA } from '@paygate/projections';
import { waitFor } from '@paygate/testkit';
import { API_KEY } from '../flows/test-support/flow-harness.ts';
import { startMoneyWorld, WAIT, type MoneyWorld } from './test-support/money-world.ts';

// Lost IPNs against the NOWPayments sandbox: it reaches every status but delivers no IPN; the
// reconciler asks the sandbox's API (the invoice's payments, or one payment's status) and records
// what it says through the webhook's own recordIpn; access follows as for an IPN; the IPNs that
// arrive late then change nothing, and neither does another reconciliation.

let w: MoneyWorld;
let reconciler: IpnReconciler;
const CHANNEL = 'ch_lost_ipn';
const later = () => new Date(Date.now() + 31 * 60_000); // past IPN_RECONCILE_AFTER_MINUTES = 30

beforeAll(async () => {
  w = await startMoneyWorld(CHANNEL);
  const client = createNowPaymentsClient({ apiUrl: w.h.sandboxUrl, apiKey: API_KEY, timeoutMs: 5_000 });
  reconciler = createIpnReconciler({
    recordIpn: w.h.flow.recordIpn,
    source: createReconcileSource(w.db, DEFAULT_READ_MODEL_SCHEMA),
    nowPayments: {
      payment: async (paymentId) => ipnToNotice(await client.getPaymentStatus(paymentId)),
      invoicePayments: async (invoiceId) => (await client.listInvoicePayments(invoiceId)).map(ipnToNotice),
    },
    afterMinutes: 30,
  });
});
afterAll(async () => {
  await w?.close();
});

const types = async (streamId: string) => (await w.stream(streamId)).map((event) => event.type);

/** Lets the relay and the managers act on anything new, then checks nothing moved. */
const settledCount = async () => {
  await new Promise((resolve) => setTimeout(resolve, 500));
  return w.h.eventCount();
};

describe('lost-IPN reconciler', () => {
  it('no IPN ever arrived: the invoice’s payment is found and recorded, access is granted; the late IPNs change nothing', async () => {
    const { subscriber, invoiceId } = await w.buy('Lena');
    const paid = await w.h.sandbox.pay(invoiceId, { loseIpns: true });
    const paymentId = String(paid.paymentId);
    expect(paid.deliveries.every((ipn) => !ipn.delivered && ipn.attempts.length === 0)).toBe(true);
    expect(await types(paymentStreamId(paymentId))).toEqual([]);
    await w.settle();

    // Not yet due: nothing is asked before IPN_RECONCILE_AFTER_MINUTES.
    expect(await reconciler.reconcile(new Date())).toEqual({ asked: 0, recorded: 0, unchanged: 0, failed: 0, unlistable: 0 });
    expect(await reconciler.reconcile(later())).toEqual({ asked: 1, recorded: 1, unchanged: 0, failed: 0, unlistable: 0 });
    expect(await types(paymentStreamId(paymentId))).toEqual(['PaymentStatusRecorded', 'PaymentReceived']);
    const recorded = await w.stream(paymentStreamId(paymentId));
    expect(recorded[0]!.metadata).toMatchObject({ source: 'nowpayments-reconciler' });
    const subscription = subscriptionStreamId(CHANNEL, String(subscriber));
    await waitFor('access granted', async () => (await types(subscription)).includes('InviteLinkSent'), WAIT);

    const before = await settledCount();
    const late = await w.h.sandbox.deliverLate(paid.paymentId);
    expect(late.map((ipn) => [ipn.status, ipn.delivered])).toEqual(paid.statuses.map((status) => [status, true]));
    await w.settle();
    expect(await reconciler.reconcile(later())).toMatchObject({ asked: 0, recorded: 0 });
    expect(await settledCount()).toBe(before);
    expect(await types(paymentStreamId(paymentId))).toEqual(['PaymentStatusRecorded', 'PaymentReceived']);
    expect((await types(subscription)).filter((type) => type === 'AccessGranted')).toHaveLength(1);
    expect(w.tg.sandbox.control.inviteLinks(w.tg.chatId).filter((link) => link.name === `pg1-${invoiceId}`)).toHaveLength(1);
  });

  it('the waiting IPN arrived, the finished one was lost: the payment’s status is asked and recorded; the late finished IPN changes nothing', async () => {
    const { subscriber, invoiceId } = await w.buy('Mark');
    const paid = await w.h.sandbox.pay(invoiceId, { loseIpns: true });
    const paymentId = String(paid.paymentId);
    const waiting = paid.deliveries.find((ipn) => ipn.status === 'waiting')!;
    expect((await w.h.postIpn(waiting.body, { [IPN_SIGNATURE_HEADER]: waiting.signature })).status).toBe(200);
    await w.settle();

    expect(await reconciler.reconcile(later())).toEqual({ asked: 1, recorded: 1, unchanged: 0, failed: 0, unlistable: 0 });
    expect(await types(paymentStreamId(paymentId))).toEqual(['PaymentStatusRecorded', 'PaymentStatusRecorded', 'PaymentReceived']);
    await waitFor('access granted', async () => (await types(subscriptionStreamId(CHANNEL, String(subscriber)))).includes('InviteLinkSent'), WAIT);

    const before = await settledCount();
    const finished = paid.deliveries.find((ipn) => ipn.status === 'finished')!;
    const response = await w.h.postIpn(finished.body, { [IPN_SIGNATURE_HEADER]: finished.signature });
    expect(response.status).toBe(200);
    expect(await settledCount()).toBe(before);
    expect(await w.h.broker.deadLetters.list()).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentStreamId, splitStreamId, subscriptionStreamId } from '@paygate/domain';
import { IPN_SIGNATURE_HEADER } from '@paygate/gateways';
import { waitFor } from '@paygate/testkit';
import { runLedgerCheck } from '../cli/commands/ledger-check.ts';
import { startMoneyWorld, WAIT, type MoneyWorld } from './test-support/money-world.ts';

// A refund after access was granted, through the real path: the sandbox refunds the payment and
// posts a signed `refunded` IPN to the webhook; the relay publishes PaymentRefunded; the refund
// manager removes the subscriber (ban + unban) and tells them, the owner notifier tells the owner,
// the split manager reverses the split; the ledger still balances against the read model. The
// same IPN again changes nothing.

let w: MoneyWorld;
const CHANNEL = 'ch_refund';
beforeAll(async () => {
  w = await startMoneyWorld(CHANNEL);
});
afterAll(async () => {
  await w?.close();
});

const types = async (streamId: string) => (await w.stream(streamId)).map((event) => event.type);

describe('refund of a payment that granted access', () => {
  it('revokes the access it bought, tells owner and subscriber, reverses the split; a duplicate IPN changes nothing', async () => {
    const { subscriber, invoiceId } = await w.buy('Rita');
    const paid = await w.h.sandbox.pay(invoiceId);
    const paymentId = String(paid.paymentId);
    const subscription = subscriptionStreamId(CHANNEL, String(subscriber));
    await w.join(subscriber, invoiceId);
    expect(w.tg.sandbox.control.member(w.tg.chatId, subscriber).status).toBe('member');
    await waitFor('the split', async () => (await types(splitStreamId(paymentId))).includes('SplitCalculated'), WAIT);

    const refund = await w.h.sandbox.refund(paid.paymentId);
    expect(refund).toMatchObject({ status: 'refunded', delivered: true });
    await waitFor('the refund DM recorded', async () => (await types(subscription)).includes('ExpiryNoticeSent'), WAIT);
    await waitFor('the split reversed', async () => (await types(splitStreamId(paymentId))).includes('SplitReversed'), WAIT);
    await waitFor('the owner told', () => w.tg.dms(w.tg.ownerId).some((text) => text.startsWith('Payment refunded')), WAIT);

    expect((await types(paymentStreamId(paymentId))).slice(-2)).toEqual(['PaymentStatusRecorded', 'PaymentRefunded']);
    expect(await types(subscription)).toEqual([
      'InviteLinkRequested',
      'AccessGranted',
      'SubscriptionStarted',
      'InviteLinkSent',
      'JoinRequestApproved',
      'MemberJoined',
      'SubscriptionRefunded',
      'AccessRevoked',
      'SubscriptionExpired',
      'ExpiryNoticeSent',
    ]);
    const refunded = (await w.stream(subscription)).find((event) => event.type === 'SubscriptionRefunded')!;
    expect(refunded.data).toMatchObject({ invoiceId, paymentId, durationDays: 30, effect: 'revoked' });
    // Removed, not banned for good: they may subscribe again.
    expect(w.tg.sandbox.control.member(w.tg.chatId, subscriber).status).toBe('left');
    expect(w.tg.sandbox.control.bans(w.tg.chatId)).toEqual([]);
    expect(w.tg.sandbox.control.calls('banChatMember')).toHaveLength(1);
    expect(w.tg.dms(subscriber).at(-1)).toContain('was refunded');
    expect(w.tg.dms(w.tg.ownerId).filter((text) => text.startsWith('Payment refunded'))).toEqual([
      expect.stringContaining(`user ${subscriber}, invoice ${invoiceId}`),
    ]);

    await w.settle();
    const check = await runLedgerCheck(w.db, w.h.eventStore);
    expect(check.discrepancies).toEqual([]);
    expect(check.ledger.accounts).toEqual([expect.objectContaining({ channelId: CHANNEL, received: 0n, fees: 0n, pending: 0n, paidOut: 0n })]);

    // NOWPayments sends the same refunded IPN again: accepted, nothing new anywhere.
    const before = await w.h.eventCount();
    const dms = [w.tg.dms(subscriber).length, w.tg.dms(w.tg.ownerId).length];
    const again = await w.h.postIpn(refund!.body, { [IPN_SIGNATURE_HEADER]: refund!.signature });
    expect(again.status).toBe(200);
    // Managers would act on a new event within this time; the log must not move.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await w.h.eventCount()).toBe(before);
    expect([w.tg.dms(subscriber).length, w.tg.dms(w.tg.ownerId).length]).toEqual(dms);
    expect(w.tg.sandbox.control.calls('banChatMember')).toHaveLength(1);
    expect(await w.h.broker.deadLetters.list()).toEqual([]);
  });
});

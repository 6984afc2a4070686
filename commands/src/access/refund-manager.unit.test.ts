import { describe, expect, it } from 'vitest';
import type { EventStore } from '@paygate/domain';
import { commandSpec, testClock } from '@paygate/testkit';
import { purchaseStreams } from '@paygate/testkit/fixtures';
import { telegramWorld } from '../test-support/telegram-world.ts';
import { createAccessManager } from './access-manager.ts';
import { createRefundManager, REFUND_MANAGER_NAME } from './refund-manager.ts';

// The refund manager on the in-memory store with the Telegram sandbox in process.

const T0 = '2026-01-01T00:00:00.000Z';

const setup = () => {
  const clock = testClock(T0);
  const world = telegramWorld(clock);
  const subscriber = world.newUser('Rob');
  const streams = (statuses: ('waiting' | 'finished' | 'failed' | 'refunded')[]) =>
    purchaseStreams({ invoiceId: 'inv_1', channelId: 'ch1', subscriberId: subscriber, paymentId: '5001', statuses, chatId: world.chatId, ownerId: world.ownerId });
  const deps = (eventStore: EventStore) => ({ eventStore, telegram: world.telegram, clock });
  return { clock, world, subscriber, streams, deps, stream: `subscription-ch1-${subscriber}` };
};

describe('refund manager', () => {
  it('a refund of the only payment: removes the subscriber (ban + unban), records the end once, and tells them once', async () => {
    const { world, subscriber, streams, deps, stream, clock } = setup();
    const { appended } = await commandSpec()
      .given(streams(['waiting', 'finished', 'refunded']))
      .when(async (ctx) => {
        await createAccessManager(deps(ctx.eventStore)).handle(ctx.recorded('PaymentReceived'));
        clock.set('2026-01-05T00:00:00.000Z');
        const refund = createRefundManager(deps(ctx.eventStore));
        expect(refund).toMatchObject({ name: REFUND_MANAGER_NAME, handles: ['PaymentRefunded'] });
        const refunded = ctx.recorded('PaymentRefunded');
        await refund.handle(refunded);
        await Promise.all([refund.handle(refunded), refund.handle(refunded)]);
      })
      .thenAppends({ [stream]: [{ type: 'InviteLinkRequested' }, { type: 'AccessGranted' }, { type: 'SubscriptionStarted' }, { type: 'InviteLinkSent' }, { type: 'SubscriptionRefunded' }, { type: 'AccessRevoked' }, { type: 'SubscriptionExpired' }, { type: 'ExpiryNoticeSent' }] });
    expect(appended[stream]![4]!.data).toMatchObject({ effect: 'revoked', previousEndsAt: '2026-01-31T00:00:00.000Z', refundedAt: '2026-01-05T00:00:00.000Z' });
    expect(world.sandbox.control.calls('banChatMember')).toHaveLength(1);
    expect(world.sandbox.control.calls('unbanChatMember')).toHaveLength(1);
    expect(world.dms(subscriber).filter((text) => text.includes('was refunded'))).toHaveLength(1);
  });

  it('a refund before the grant: recorded, and the access manager then grants nothing', async () => {
    const { world, streams, deps, stream } = setup();
    const { appended } = await commandSpec()
      .given(streams(['waiting', 'finished', 'refunded']))
      .when(async (ctx) => {
        await createRefundManager(deps(ctx.eventStore)).handle(ctx.recorded('PaymentRefunded'));
        await createAccessManager(deps(ctx.eventStore)).handle(ctx.recorded('PaymentReceived'));
      })
      .thenAppends({ [stream]: [{ type: 'SubscriptionRefunded' }] });
    expect(appended[stream]![0]!.data).toMatchObject({ effect: 'not_granted' });
    expect(world.sandbox.control.inviteLinks(Number(world.chatId))).toEqual([]);
    expect(world.sandbox.control.calls('banChatMember')).toHaveLength(0);
  });

  it('a refund of a payment that granted nothing does nothing, even one recorded before `granted` existed', async () => {
    const { streams, deps } = setup();
    await commandSpec()
      .given(streams(['waiting', 'failed', 'refunded']))
      .when(async (ctx) => createRefundManager(deps(ctx.eventStore)).handle(ctx.recorded('PaymentRefunded')))
      .thenAppendsNothing();
    const given = streams(['waiting', 'failed', 'refunded']);
    const legacy = given['payment-5001']!.map((event) => (event.type === 'PaymentRefunded' ? { type: event.type, data: { ...(event.data as object), previousStatus: 'finished', granted: undefined } } : event));
    await commandSpec()
      .given({ ...given, 'payment-5001': JSON.parse(JSON.stringify(legacy)) })
      .when(async (ctx) => createRefundManager(deps(ctx.eventStore)).handle(ctx.recorded('PaymentRefunded')))
      .thenAppendsNothing();
  });
});

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
    // Each redelivery of a recorded removal repeats it (ban + unban only-if-banned: idempotent), the DM once.
    expect(world.sandbox.control.calls('banChatMember')).toHaveLength(3);
    expect(world.sandbox.control.calls('unbanChatMember')).toHaveLength(3);
    expect(world.sandbox.control.bans(Number(world.chatId))).toEqual([]);
    expect(world.dms(subscriber).filter((text) => text.includes('was refunded'))).toHaveLength(1);
  });

  it('a renewal landing between the look and the append: the refund shortens, and nobody is removed', async () => {
    const { world, subscriber, streams, deps, stream, clock } = setup();
    const renewal = purchaseStreams({ invoiceId: 'inv_2', channelId: 'ch1', subscriberId: subscriber, paymentId: '5002', chatId: world.chatId, ownerId: world.ownerId });
    const { appended } = await commandSpec()
      .given({ ...streams(['waiting', 'finished', 'refunded']), ...renewal })
      .when(async (ctx) => {
        await createAccessManager(deps(ctx.eventStore)).handle(ctx.recorded('PaymentReceived', 'payment-5001'));
        clock.set('2026-01-05T00:00:00.000Z');
        let renewed = false;
        const racing: EventStore = {
          ...ctx.eventStore,
          append: async (streamId, events, options) => {
            if (!renewed && streamId === stream && events.some((event) => event.type === 'SubscriptionRefunded')) {
              renewed = true;
              await createAccessManager(deps(ctx.eventStore)).handle(ctx.recorded('PaymentReceived', 'payment-5002'));
            }
            return ctx.eventStore.append(streamId, events, options);
          },
        };
        await createRefundManager(deps(racing)).handle(ctx.recorded('PaymentRefunded', 'payment-5001'));
        expect(renewed).toBe(true);
      })
      .thenAppends({
        [stream]: [
          ...['InviteLinkRequested', 'AccessGranted', 'SubscriptionStarted', 'InviteLinkSent'].map((type) => ({ type })),
          // The renewal, appended between the refund manager's look and its append.
          ...['InviteLinkRequested', 'AccessGranted', 'SubscriptionExtended', 'InviteLinkSent'].map((type) => ({ type })),
          { type: 'SubscriptionRefunded' },
        ],
      });
    expect(appended[stream]!.at(-1)!.data).toMatchObject({ effect: 'shortened', endsAt: '2026-01-31T00:00:00.000Z' });
    expect(world.sandbox.control.calls('banChatMember')).toHaveLength(0);
  });

  it('a crash after the refund was recorded and before the removal: the redelivery removes and tells', async () => {
    const { world, subscriber, streams, deps, stream, clock } = setup();
    const { appended } = await commandSpec()
      .given(streams(['waiting', 'finished', 'refunded']))
      .when(async (ctx) => {
        await createAccessManager(deps(ctx.eventStore)).handle(ctx.recorded('PaymentReceived'));
        clock.set('2026-01-05T00:00:00.000Z');
        const crashing = { ...deps(ctx.eventStore), telegram: { ...world.telegram, banChatMember: () => Promise.reject(new Error('process died')) } };
        await expect(createRefundManager(crashing).handle(ctx.recorded('PaymentRefunded'))).rejects.toThrow('process died');
        await createRefundManager(deps(ctx.eventStore)).handle(ctx.recorded('PaymentRefunded'));
      })
      .thenAppends({ [stream]: [{ type: 'InviteLinkRequested' }, { type: 'AccessGranted' }, { type: 'SubscriptionStarted' }, { type: 'InviteLinkSent' }, { type: 'SubscriptionRefunded' }, { type: 'AccessRevoked' }, { type: 'SubscriptionExpired' }, { type: 'ExpiryNoticeSent' }] });
    expect(appended[stream]![4]!.data).toMatchObject({ effect: 'revoked' });
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

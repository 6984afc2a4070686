import { describe, expect, it } from 'vitest';
import { commandSpec, testClock } from '@paygate/testkit';
import { donationStreams } from '../donation/test-support/donation-streams.ts';
import { telegramWorld } from '../test-support/telegram-world.ts';
import { ACCESS_MANAGER_NAME, createAccessManager } from './access-manager.ts';
import { createRefundManager } from './refund-manager.ts';

// A donation never buys access: the access manager does not even subscribe to DonationReceived,
// and handed one anyway it grants nothing; a refunded donation takes no access back.

const T0 = '2026-01-01T00:00:00.000Z';

describe('access and donations', () => {
  it('the access manager ignores a donation: no link, no grant, no subscription, no DM', async () => {
    const clock = testClock(T0);
    const world = telegramWorld(clock);
    const donor = world.newUser('Dana');
    const streams = donationStreams({ invoiceId: 'don_1', channelId: 'ch1', donorId: donor, paymentId: '5001', chatId: world.chatId, ownerId: world.ownerId });
    await commandSpec()
      .given(streams)
      .when(async (ctx) => {
        const manager = createAccessManager({ eventStore: ctx.eventStore, telegram: world.telegram, clock, workerId: 'w', options: { botUsername: 'paygate_test_bot' } });
        expect(manager).toMatchObject({ name: ACCESS_MANAGER_NAME, handles: ['PaymentReceived'] });
        expect(ctx.given.map((event) => event.type)).not.toContain('PaymentReceived');
        await manager.handle(ctx.recorded('DonationReceived'));
      })
      .thenAppendsNothing();
    expect(world.sandbox.control.inviteLinks(Number(world.chatId))).toEqual([]);
    expect(world.dms(donor)).toEqual([]);
  });

  it('the refund manager takes nothing back for a refunded donation', async () => {
    const clock = testClock(T0);
    const world = telegramWorld(clock);
    const donor = world.newUser('Dana');
    const streams = donationStreams({ invoiceId: 'don_1', channelId: 'ch1', donorId: donor, paymentId: '5001', statuses: ['waiting', 'finished', 'refunded'], chatId: world.chatId, ownerId: world.ownerId });
    await commandSpec()
      .given(streams)
      .when(async (ctx) => createRefundManager({ eventStore: ctx.eventStore, telegram: world.telegram, clock }).handle(ctx.recorded('PaymentRefunded')))
      .thenAppendsNothing();
    expect(world.dms(donor)).toEqual([]);
  });
});

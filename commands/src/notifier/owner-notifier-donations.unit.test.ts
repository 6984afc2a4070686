import { describe, expect, it } from 'vitest';
import { commandSpec, givenEventId, testClock } from '@paygate/testkit';
import { telegramWorld, type TelegramWorld } from '../test-support/telegram-world.ts';
import { createOwnerNotifier } from './owner-notifier.ts';
import { donationStreams } from '../donation/test-support/donation-streams.ts';

// The owner notifier on a donation's events, through the real Telegram client and the sandbox:
// donation wording, and the donor named only when they allowed it (never by their id).

const clock = testClock('2026-01-02T00:00:00.000Z');
const notifier = (world: TelegramWorld, eventStore: Parameters<typeof createOwnerNotifier>[0]['eventStore']) =>
  createOwnerNotifier({ eventStore, telegram: world.telegram, clock });

describe('owner notifier: donations', () => {
  const donation = (world: TelegramWorld, donor: string, showName: boolean, statuses?: ('waiting' | 'finished' | 'partially_paid' | 'refunded')[]) =>
    donationStreams({ invoiceId: 'don_1', channelId: 'ch1', donorId: donor, paymentId: '5001', chatId: world.chatId, ownerId: world.ownerId, showName, donorName: 'Dana', ...(statuses ? { statuses } : {}) });

  it('the owner learns of the donation (with the name the donor allowed), the donor is thanked; each once', async () => {
    const world = telegramWorld(clock);
    const donor = world.newUser('Dana');
    const { eventStore, appended } = await commandSpec()
      .given(donation(world, donor, true))
      .when(async (ctx) => notifier(world, ctx.eventStore).handle(ctx.recorded('DonationReceived')))
      .thenAppends({ [`owner-notification-${givenEventId('payment-5001', 2)}`]: [{ type: 'OwnerNotified' }], 'donor-thanks-5001': [{ type: 'DonorThanked' }] });
    expect(appended[`owner-notification-${givenEventId('payment-5001', 2)}`]![0]!.data).toMatchObject({ kind: 'donation_received', delivery: 'sent' });
    expect(appended['donor-thanks-5001']![0]!.data).toMatchObject({ donorId: donor, paymentId: '5001', delivery: 'sent', messageId: 1 });
    expect(world.dms(world.ownerId)).toEqual(['New donation of 12.50 USD to "Alpha signals" from Dana (12.43999 USDTTRC20 arrived).']);
    expect(world.dms(donor)).toEqual(['Thank you! Your donation of 12.50 USD to "Alpha signals" arrived.']);

    const [received] = (await eventStore.readStream('payment-5001')).filter((event) => event.type === 'DonationReceived');
    await notifier(world, eventStore).handle(received!);
    expect(world.dms(world.ownerId)).toHaveLength(1);
    expect(world.dms(donor)).toHaveLength(1);
  });

  it('an anonymous donation never names the donor to the owner', async () => {
    const world = telegramWorld(clock);
    const donor = world.newUser('Dana');
    await commandSpec()
      .given(donation(world, donor, false))
      .when(async (ctx) => notifier(world, ctx.eventStore).handle(ctx.recorded('DonationReceived')))
      .thenAppends({ [`owner-notification-${givenEventId('payment-5001', 2)}`]: [{ type: 'OwnerNotified' }], 'donor-thanks-5001': [{ type: 'DonorThanked' }] });
    expect(world.dms(world.ownerId)).toEqual(['New donation of 12.50 USD to "Alpha signals" (12.43999 USDTTRC20 arrived).']);
  });

  it('a refunded donation: donation wording, no access mentioned, and neither the donor id nor (anonymous) their name', async () => {
    const world = telegramWorld(clock);
    const donor = world.newUser('Dana');
    const notices = `owner-notification-${givenEventId('payment-5001', 4)}`;
    const { appended } = await commandSpec()
      .given(donation(world, donor, false, ['waiting', 'finished', 'refunded']))
      .when(async (ctx) => notifier(world, ctx.eventStore).handle(ctx.recorded('PaymentRefunded')))
      .thenAppends({ [notices]: [{ type: 'OwnerNotified' }] });
    expect(appended[notices]![0]!.data).toMatchObject({ kind: 'payment_refunded' });
    expect(world.dms(world.ownerId)).toEqual([
      'A donation of 12.50 USD to "Alpha signals" was refunded.\nIts fee and your share were reversed in your balance (a share already paid out is owed).',
    ]);
    expect(world.dms(world.ownerId)[0]).not.toContain(donor);
  });

  it('a refunded donation names the donor who allowed it', async () => {
    const world = telegramWorld(clock);
    const donor = world.newUser('Dana');
    await commandSpec()
      .given(donation(world, donor, true, ['waiting', 'finished', 'refunded']))
      .when(async (ctx) => notifier(world, ctx.eventStore).handle(ctx.recorded('PaymentRefunded')))
      .thenAppends({ [`owner-notification-${givenEventId('payment-5001', 4)}`]: [{ type: 'OwnerNotified' }] });
    expect(world.dms(world.ownerId)[0]).toMatch(/^A donation of 12\.50 USD to "Alpha signals" from Dana was refunded\./);
  });

  it('an underpaid donation: donation wording without the donor id or name', async () => {
    const world = telegramWorld(clock);
    const donor = world.newUser('Dana');
    const streams = donation(world, donor, false, ['waiting', 'partially_paid']);
    const cause = givenEventId('payment-5001', streams['payment-5001']!.findIndex((event) => event.type === 'PaymentUnderpaid'));
    const { appended } = await commandSpec()
      .given(streams)
      .when(async (ctx) => notifier(world, ctx.eventStore).handle(ctx.recorded('PaymentUnderpaid')))
      .thenAppends({ [`owner-notification-${cause}`]: [{ type: 'OwnerNotified' }] });
    expect(appended[`owner-notification-${cause}`]![0]!.data).toMatchObject({ kind: 'payment_underpaid' });
    const [text] = world.dms(world.ownerId);
    expect(text).toMatch(/^Underpaid donation to "Alpha signals": .* for a donation of 12\.50 USD\.\nIt is not counted in your balance\./);
    expect(text).not.toContain(donor);
    expect(text).not.toContain('Dana');
    expect(text).not.toContain('access');
  });
});

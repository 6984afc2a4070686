import { describe, expect, it } from 'vitest';
import { commandSpec, givenEventId, testClock, type GivenStreams } from '@paygate/testkit';
import { deterministicId } from '../ids/index.ts';
import { channelStream, purchaseStreams, subscriptionStream } from '@paygate/testkit/fixtures';
import { telegramWorld, type TelegramWorld } from '../test-support/telegram-world.ts';
import { createOwnerNotifier, NOTIFIER_NAME } from './owner-notifier.ts';

// The owner notifier DMs the channel's owner through the real Telegram client (the sandbox's app
// answers in process) and records each notice once, on owner-notification-<cause event id>.

const clock = testClock('2026-01-02T00:00:00.000Z');
const NOW = '2026-01-02T00:00:00.000Z';
const notifier = (world: TelegramWorld, eventStore: Parameters<typeof createOwnerNotifier>[0]['eventStore']) =>
  createOwnerNotifier({ eventStore, telegram: world.telegram, clock });

/** A purchase in a channel the sandbox owner owns; `cause` is the id of its event of `type`. */
const purchase = (world: TelegramWorld, type: string, statuses: ('waiting' | 'finished' | 'partially_paid' | 'failed' | 'refunded')[] = ['waiting', 'finished']) => {
  const streams: GivenStreams = {
    ...purchaseStreams({ invoiceId: 'inv_1', channelId: 'ch1', subscriberId: '777', paymentId: '5001', statuses, chatId: world.chatId, ownerId: world.ownerId }),
  };
  const cause = givenEventId('payment-5001', streams['payment-5001']!.findIndex((event) => event.type === type));
  return { streams, cause, notices: `owner-notification-${cause}` };
};

describe('owner notifier', () => {
  it('a payment received: one DM to the owner, recorded with its message id; a redelivery sends nothing more', async () => {
    const world = telegramWorld(clock);
    const { streams, cause, notices } = purchase(world, 'PaymentReceived');
    const { eventStore } = await commandSpec()
      .given(streams)
      .when(async (ctx) => notifier(world, ctx.eventStore).handle(ctx.recorded('PaymentReceived')))
      .thenAppends({
        [notices]: [
          {
            type: 'OwnerNotified',
            id: deterministicId('OwnerNotified', cause),
            data: { ownerId: world.ownerId, channelId: 'ch1', kind: 'payment_received', causeEventId: cause, delivery: 'sent', messageId: 1, notifiedAt: NOW },
            metadata: { causationId: cause },
          },
        ],
      });
    expect(world.dms(world.ownerId)).toEqual([expect.stringContaining('Alpha signals')]);

    const [received] = (await eventStore.readStream('payment-5001')).filter((event) => event.type === 'PaymentReceived');
    await notifier(world, eventStore).handle(received!);
    expect(world.dms(world.ownerId)).toHaveLength(1);
    expect(await eventStore.readStream(notices)).toHaveLength(1);
  });

  it('an underpayment, a new subscriber and a renewal each get their own notice', async () => {
    const world = telegramWorld(clock);
    const underpaid = purchase(world, 'PaymentUnderpaid', ['partially_paid']);
    const short = await commandSpec()
      .given(underpaid.streams)
      .when(async (ctx) => notifier(world, ctx.eventStore).handle(ctx.recorded('PaymentUnderpaid')))
      .thenAppends({ [underpaid.notices]: [{ type: 'OwnerNotified' }] });
    expect(short.appended[underpaid.notices]![0]!.data).toMatchObject({ kind: 'payment_underpaid', delivery: 'sent' });

    const subscription = {
      ...channelStream({ channelId: 'ch1', chatId: world.chatId, ownerId: world.ownerId }),
      ...subscriptionStream('ch1', '777', [
        { invoiceId: 'inv_1', at: '2026-01-01T00:00:00.000Z' },
        { invoiceId: 'inv_2', at: '2026-01-20T00:00:00.000Z' },
      ]),
    };
    const stream = 'subscription-ch1-777';
    const kinds = await commandSpec()
      .given(subscription)
      .when(async (ctx) => {
        for (const type of ['SubscriptionStarted', 'SubscriptionExtended']) await notifier(world, ctx.eventStore).handle(ctx.recorded(type, stream));
      })
      .thenAppends({
        [`owner-notification-${givenEventId(stream, 1)}`]: [{ type: 'OwnerNotified' }],
        [`owner-notification-${givenEventId(stream, 3)}`]: [{ type: 'OwnerNotified' }],
      });
    expect(Object.values(kinds.appended).map(([event]) => (event!.data as { kind: string }).kind)).toEqual(['new_subscriber', 'renewal']);
    expect(world.dms(world.ownerId)).toHaveLength(3);
  });

  it('a refund: the owner learns the access was taken back and the split reversed, once; a refund that granted nothing says so', async () => {
    const world = telegramWorld(clock);
    const refunded = purchase(world, 'PaymentRefunded', ['waiting', 'finished', 'refunded']);
    const { appended } = await commandSpec()
      .given(refunded.streams)
      .when(async (ctx) => {
        for (let i = 0; i < 2; i++) await notifier(world, ctx.eventStore).handle(ctx.recorded('PaymentRefunded'));
      })
      .thenAppends({ [refunded.notices]: [{ type: 'OwnerNotified' }] });
    expect(appended[refunded.notices]![0]!.data).toMatchObject({ kind: 'payment_refunded', delivery: 'sent' });
    expect(world.dms(world.ownerId)).toEqual([
      'Payment refunded for "Alpha signals": user 777, invoice inv_1.\nThe access it bought was taken back, and its fee and your share were reversed in your balance (a share already paid out is owed).',
    ]);
    const failed = purchase(world, 'PaymentRefunded', ['waiting', 'failed', 'refunded']);
    await commandSpec()
      .given(failed.streams)
      .when(async (ctx) => notifier(world, ctx.eventStore).handle(ctx.recorded('PaymentRefunded')))
      .thenAppends({ [failed.notices]: [{ type: 'OwnerNotified' }] });
    expect(world.dms(world.ownerId).at(-1)).toContain('It had granted no access and was never part of your balance.');
  });

  it('an owner who blocked the bot: recorded as blocked (and on their Telegram user), not retried', async () => {
    const world = telegramWorld(clock);
    world.sandbox.control.blockBot(Number(world.ownerId));
    const { streams, notices } = purchase(world, 'PaymentReceived');
    const { appended } = await commandSpec()
      .given(streams)
      .when(async (ctx) => notifier(world, ctx.eventStore).handle(ctx.recorded('PaymentReceived')))
      .thenAppends({
        [`telegram-user-${world.ownerId}`]: [{ type: 'TelegramUserBlockedBot', data: { userId: world.ownerId, blockedAt: NOW } }],
        [notices]: [{ type: 'OwnerNotified' }],
      });
    expect(appended[notices]![0]!.data).toMatchObject({ delivery: 'blocked' });
    expect(appended[notices]![0]!.data).not.toHaveProperty('messageId');
    expect(world.dms(world.ownerId)).toEqual([]);
  });

  it('a long 429 is thrown for the broker to back off, and records nothing', async () => {
    const world = telegramWorld(clock);
    world.sandbox.control.faults.rateLimit('sendMessage', { times: 1, retryAfter: 30 });
    const { streams } = purchase(world, 'PaymentReceived');
    const { error } = await commandSpec()
      .given(streams)
      .when(async (ctx) => notifier(world, ctx.eventStore).handle(ctx.recorded('PaymentReceived')))
      .thenThrows('rate_limited');
    expect(error.details).toMatchObject({ retryAfterSeconds: 30 });
    expect(world.dms(world.ownerId)).toEqual([]);
  });

  it('nobody to tell when the channel is not registered; statuses are not news', async () => {
    const world = telegramWorld(clock);
    const { streams } = purchase(world, 'PaymentReceived');
    const { 'channel-ch1': _channel, ...unregistered } = streams;
    await commandSpec()
      .given(unregistered)
      .when(async (ctx) => notifier(world, ctx.eventStore).handle(ctx.recorded('PaymentReceived')))
      .thenAppendsNothing();
    const manager = await commandSpec()
      .given(streams)
      .when(async (ctx) => {
        const m = notifier(world, ctx.eventStore);
        await m.handle(ctx.recorded('PaymentStatusRecorded'));
        return m;
      })
      .thenAppendsNothing();
    expect(manager.result.name).toBe(NOTIFIER_NAME);
    expect(world.dms(world.ownerId)).toEqual([]);
  });
});

describe('owner notifier: payouts', () => {
  const wallet = { address: '0x90F79bf6EB2c4f870365E785982E1f101E93b906', network: 'ethereum', currency: 'USDTERC20' };
  const amount = { amount: '9444938', currency: 'USDTERC20', decimals: 6 };
  const hash = `0x${'ab'.repeat(32)}`;
  const payoutStreams = (world: TelegramWorld, last: { type: string; data: Record<string, unknown> }): GivenStreams => ({
    ...channelStream({ channelId: 'ch1', chatId: world.chatId, ownerId: world.ownerId }),
    'payout-ch1-usdterc20-1': [
      {
        type: 'PayoutStarted',
        data: { payoutId: 'ch1-usdterc20-1', paymentIds: ['5001'], channelId: 'ch1', ownerId: world.ownerId, amount, wallet, route: 'direct', startedAt: NOW },
      },
      last,
    ],
  });

  it('a payout sent: the owner is told what reached the wallet, with the explorer link', async () => {
    const world = telegramWorld(clock);
    const sent = { type: 'PayoutSent', data: { payoutId: 'ch1-usdterc20-1', channelId: 'ch1', ownerId: world.ownerId, amount, payoutHash: hash, received: amount, sentAt: NOW } };
    await commandSpec()
      .given(payoutStreams(world, sent))
      .when(async (ctx) => createOwnerNotifier({ eventStore: ctx.eventStore, telegram: world.telegram, clock, explorerTxUrl: 'https://etherscan.io/tx/{hash}' }).handle(ctx.recorded('PayoutSent')))
      .thenAppends({ [`owner-notification-${givenEventId('payout-ch1-usdterc20-1', 1)}`]: [{ type: 'OwnerNotified' }] });
    expect(world.dms(world.ownerId)).toEqual([`Payout sent for "Alpha signals": 9.444938 USDTERC20 reached your wallet (transaction https://etherscan.io/tx/${hash}).`]);
  });

  it('a payout held: the owner learns the amount and why, from the payout it names', async () => {
    const world = telegramWorld(clock);
    const held = { type: 'PayoutHeld', data: { payoutId: 'ch1-usdterc20-1', reason: 'insufficient_balance', detail: 'short', heldAt: NOW } };
    await commandSpec()
      .given(payoutStreams(world, held))
      .when(async (ctx) => notifier(world, ctx.eventStore).handle(ctx.recorded('PayoutHeld')))
      .thenAppends({ [`owner-notification-${givenEventId('payout-ch1-usdterc20-1', 1)}`]: [{ type: 'OwnerNotified' }] });
    expect(world.dms(world.ownerId)).toEqual([expect.stringMatching(/^Payout of 9\.444938 USDTERC20 for "Alpha signals" is held for the operator \(insufficient balance\)/)]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessManager, createOwnerNotifier, createPayoutSettingsCommands, type ProcessManager } from '@paygate/commands';
import { money, ownerNotificationStreamId, subscriptionStreamId, telegramUserStreamId, type RecordedEvent } from '@paygate/domain';
import { createPurchases } from './test-support/purchases.ts';
import { startLifecycleHarness, typesOf, type LifecycleHarness } from './test-support/lifecycle-harness.ts';
import { startTelegramWorld, type TelegramWorld } from './test-support/telegram-world.ts';

// Owner notifications over a real PostgreSQL event store and the Telegram simulator: one DM per
// causing event, a blocked owner recorded and not retried, rate limits waited or thrown.

let h: LifecycleHarness;
let tg: TelegramWorld;
let purchases: ReturnType<typeof createPurchases>;
let notifier: ProcessManager;
let access: ProcessManager;
const CHANNEL = 'ch_notify';
const sleeps: number[] = [];

beforeAll(async () => {
  h = await startLifecycleHarness('paygate_notify');
  tg = await startTelegramWorld({ clock: h.clock, channels: h.channels, channelId: CHANNEL });
  purchases = createPurchases(h.eventStore, h.clock);
  const rateLimit = { sleep: async (ms: number) => void sleeps.push(ms) };
  notifier = createOwnerNotifier({ eventStore: h.eventStore, telegram: tg.client, clock: h.clock, rateLimit });
  access = createAccessManager({ eventStore: h.eventStore, telegram: tg.client, clock: h.clock });
});
afterAll(async () => {
  await tg?.close();
  await h?.close();
});

const ownerDms = () => tg.dms(tg.ownerId);
const subscriptionEvent = async (subscriberId: string, type: string): Promise<RecordedEvent> =>
  (await h.stream(subscriptionStreamId(CHANNEL, subscriberId))).find((event) => event.type === type)!;

describe('owner notifier', () => {
  it('tells the owner about a payment and a new subscriber, once each however often delivered', async () => {
    const subscriber = String(tg.newUser('Nina'));
    const received = await purchases.pay({ invoiceId: 'inv_n1', channelId: CHANNEL, subscriberId: subscriber, paymentId: '9900001' });
    await access.handle(received);
    const started = await subscriptionEvent(subscriber, 'SubscriptionStarted');
    for (let i = 0; i < 3; i++) {
      await notifier.handle(received);
      await notifier.handle(started);
    }
    await Promise.all([notifier.handle(received), notifier.handle(started)]);
    expect(ownerDms()).toEqual([
      `Payment received for "Alpha signals": 12.50 USD from user ${subscriber} (12.43999 USDTTRC20 arrived; invoice inv_n1).`,
      `New subscriber in "Alpha signals": user ${subscriber}, until 2026-01-31 00:00 UTC (in 30 days).`,
    ]);
    const recorded = await h.stream(ownerNotificationStreamId(received.id));
    expect(recorded.map((event) => event.data)).toEqual([
      expect.objectContaining({ kind: 'payment_received', ownerId: String(tg.ownerId), causeEventId: received.id, delivery: 'sent' }),
    ]);
    expect(recorded[0]!.metadata).toMatchObject({ causationId: received.id });
  });

  it('tells the owner about a renewal and an underpayment', async () => {
    const subscriber = String(tg.newUser('Otto'));
    await access.handle(await purchases.pay({ invoiceId: 'inv_n2', channelId: CHANNEL, subscriberId: subscriber, paymentId: '9900002' }));
    h.clock.set('2026-01-10T00:00:00.000Z');
    await access.handle(await purchases.pay({ invoiceId: 'inv_n3', channelId: CHANNEL, subscriberId: subscriber, paymentId: '9900003' }));
    await notifier.handle(await subscriptionEvent(subscriber, 'SubscriptionExtended'));
    expect(ownerDms().at(-1)).toBe(`User ${subscriber} renewed in "Alpha signals": now until 2026-03-02 00:00 UTC (in 51 days).`);
    const underpaid = await purchases.underpay({ invoiceId: 'inv_n4', channelId: CHANNEL, subscriberId: subscriber, paymentId: '9900004' });
    await notifier.handle(underpaid);
    await notifier.handle(underpaid);
    expect(ownerDms().at(-1)).toContain(`Underpaid payment for "Alpha signals": user ${subscriber} paid 6.25 USDTTRC20 of 12.502501 USDTTRC20 for a price of 12.50 USD`);
    expect(ownerDms().filter((text) => text.startsWith('Underpaid'))).toHaveLength(1);
    h.clock.set('2026-01-01T00:00:00.000Z');
  });

  it('a short 429 is waited out in place; a long one fails the delivery for the broker, and the retry sends once', async () => {
    const subscriber = String(tg.newUser('Pia'));
    const received = await purchases.pay({ invoiceId: 'inv_n5', channelId: CHANNEL, subscriberId: subscriber, paymentId: '9900005' });
    const before = ownerDms().length;
    tg.sandbox.control.faults.rateLimit('sendMessage', { retryAfter: 2 });
    await notifier.handle(received);
    expect(sleeps).toEqual([2000]);
    expect(ownerDms()).toHaveLength(before + 1);

    const other = await purchases.pay({ invoiceId: 'inv_n6', channelId: CHANNEL, subscriberId: subscriber, paymentId: '9900006' });
    tg.sandbox.control.faults.rateLimit('sendMessage', { retryAfter: 45 });
    await expect(notifier.handle(other)).rejects.toMatchObject({ kind: 'rate_limited', details: { retryAfterSeconds: 45 } });
    expect(await h.stream(ownerNotificationStreamId(other.id))).toEqual([]);
    await notifier.handle(other);
    await notifier.handle(other);
    expect(ownerDms()).toHaveLength(before + 2);
  });

  it('an owner who blocked the bot is recorded once and not retried', async () => {
    tg.sandbox.control.blockBot(tg.ownerId);
    const subscriber = String(tg.newUser('Quin'));
    const received = await purchases.pay({ invoiceId: 'inv_n7', channelId: CHANNEL, subscriberId: subscriber, paymentId: '9900007' });
    const callsBefore = tg.sandbox.control.calls('sendMessage').length;
    await notifier.handle(received);
    await notifier.handle(received);
    expect(tg.sandbox.control.calls('sendMessage').length).toBe(callsBefore + 1);
    expect((await h.stream(ownerNotificationStreamId(received.id)))[0]!.data).toMatchObject({ delivery: 'blocked' });
    expect(typesOf(await h.stream(telegramUserStreamId(String(tg.ownerId))))).toEqual(['TelegramUserBlockedBot']);
    tg.sandbox.control.unblockBot(tg.ownerId);
  });
});

describe('payout settings commands', () => {
  it('the owner sets a checksummed wallet and a threshold; others are refused; repeats change nothing', async () => {
    const commands = createPayoutSettingsCommands({ eventStore: h.eventStore, clock: h.clock });
    const owner = String(tg.ownerId);
    const wallet = { channelId: CHANNEL, requestedBy: owner, address: '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359', network: 'polygon', currency: 'usdtmatic' };
    await expect(commands.choosePayoutStrategy({ channelId: CHANNEL, requestedBy: owner, strategy: 'instant' })).rejects.toMatchObject({ kind: 'conflict' });
    await expect(commands.setPayoutWallet({ ...wallet, requestedBy: '1' })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(commands.setPayoutWallet({ ...wallet, address: wallet.address.toLowerCase() })).rejects.toMatchObject({ kind: 'validation' });
    await expect(commands.setPayoutWallet({ ...wallet, channelId: 'ch_none' })).rejects.toMatchObject({ kind: 'not_found' });
    expect((await commands.setPayoutWallet(wallet)).events).toHaveLength(1);
    expect((await commands.setPayoutWallet(wallet)).events).toEqual([]);
    expect((await commands.choosePayoutStrategy({ channelId: CHANNEL, requestedBy: owner, strategy: 'threshold', threshold: money(100_00n, 'USD') })).events).toHaveLength(1);
    expect(await commands.payoutSettingsFor(CHANNEL)).toMatchObject({
      wallet: { address: wallet.address, network: 'polygon', currency: 'USDTMATIC', ownerId: owner },
      pendingChange: null,
      strategy: { strategy: 'threshold', threshold: money(100_00n, 'USD') },
      blockedBy: null,
    });
    expect(typesOf(await h.stream(`payout-settings-${CHANNEL}`))).toEqual(['PayoutWalletSet', 'PayoutStrategyChosen']);
  });
});

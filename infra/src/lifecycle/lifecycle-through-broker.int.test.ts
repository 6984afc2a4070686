import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcessManager, type ProcessManager } from '@paygate/commands';
import { encodeEvent, subjectForEvent, subscriptionStreamId, type Broker, type RunningConsumer } from '@paygate/domain';
import { waitFor } from '@paygate/testkit';
import { createInProcessBroker } from '../broker/in-process/index.ts';
import { createRelay, type Relay } from '../relay/index.ts';
import { createLifecycleFlow } from './lifecycle-flow.ts';
import { createPurchases } from './test-support/purchases.ts';
import { SCHEMA, startLifecycleHarness, typesOf, type LifecycleHarness } from './test-support/lifecycle-harness.ts';
import { startTelegramWorld, type TelegramWorld } from './test-support/telegram-world.ts';

// PaymentReceived → relay → broker → access manager and owner notifier as durable consumers, each
// first delivery failing after its work (a crash before the ack), plus copies of the event
// published under other message ids: one link, one DM to the subscriber, one notice per kind.

const WAIT = { timeoutMs: 20_000 };
let h: LifecycleHarness;
let tg: TelegramWorld;
let broker: Broker;
let relay: Relay;
const consumers: RunningConsumer[] = [];
const deliveries = new Map<string, number>();
const CHANNEL = 'ch_broker';

const crashingOnce = (manager: ProcessManager): ProcessManager => {
  const crashed = new Set<string>();
  return {
    ...manager,
    async handle(event) {
      deliveries.set(`${manager.name}:${event.id}`, (deliveries.get(`${manager.name}:${event.id}`) ?? 0) + 1);
      await manager.handle(event);
      if (!crashed.has(event.id)) {
        crashed.add(event.id);
        throw new Error('simulated crash after the work, before the ack');
      }
    },
  };
};

beforeAll(async () => {
  h = await startLifecycleHarness('paygate_lc_broker');
  tg = await startTelegramWorld({ clock: () => new Date(), channels: h.channels, channelId: CHANNEL });
  broker = createInProcessBroker();
  relay = createRelay({ pool: h.pool, eventStore: h.eventStore, broker, name: 'lifecycle', retryDelayMs: 100 });
  await relay.start();
  const flow = createLifecycleFlow({ eventStore: h.eventStore, telegram: tg.client, db: h.db, schema: SCHEMA });
  const options = { ackWaitMs: 5_000, backoffMs: [50], maxDeliver: 5 };
  for (const manager of flow.processManagers) consumers.push(await runProcessManager(broker, crashingOnce(manager), options));
});
afterAll(async () => {
  for (const consumer of consumers) await consumer.stop();
  await relay?.stop();
  await broker?.close();
  await tg?.close();
  await h?.close();
});

describe('subscription lifecycle through the relay and the broker', () => {
  it('a payment becomes one link, one DM and one notice of each kind, through crashes and duplicate publishes', async () => {
    const subscriber = tg.newUser('Zoe');
    const purchases = createPurchases(h.eventStore, () => new Date());
    const received = await purchases.pay({ invoiceId: 'inv_brk', channelId: CHANNEL, subscriberId: String(subscriber), paymentId: '9990001' });
    const streamId = subscriptionStreamId(CHANNEL, String(subscriber));
    await waitFor('the invite link DM recorded', async () => typesOf(await h.stream(streamId)).includes('InviteLinkSent'), WAIT);
    await waitFor('the owner told twice', () => tg.dms(tg.ownerId).length >= 2, WAIT);

    const { data, headers } = encodeEvent(received);
    await Promise.all(Array.from({ length: 3 }, () => broker.publish(subjectForEvent(received), data, { msgId: randomUUID(), headers })));
    await waitFor('the copies delivered', () => (deliveries.get(`access-manager:${received.id}`) ?? 0) >= 5, WAIT);
    await waitFor('the copies delivered to the notifier', () => (deliveries.get(`owner-notifier:${received.id}`) ?? 0) >= 5, WAIT);
    // Let any redelivery still in flight land before counting.
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(typesOf(await h.stream(streamId))).toEqual(['InviteLinkRequested', 'AccessGranted', 'SubscriptionStarted', 'InviteLinkSent']);
    expect(tg.sandbox.control.inviteLinks(tg.chatId).filter((link) => link.name === 'pg1-inv_brk')).toHaveLength(1);
    expect(tg.dms(subscriber)).toHaveLength(1);
    const owner = tg.dms(tg.ownerId);
    expect(owner.filter((text) => text.startsWith('Payment received'))).toHaveLength(1);
    expect(owner.filter((text) => text.startsWith('New subscriber'))).toHaveLength(1);
    expect(await broker.deadLetters.list()).toEqual([]);
  });
});

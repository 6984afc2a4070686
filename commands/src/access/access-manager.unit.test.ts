import { describe, expect, it } from 'vitest';
import type { EventStore, RecordedEvent, TelegramGateway } from '@paygate/domain';
import { commandSpec, createInMemoryEventStore, givenEventId, testClock, type GivenStreams } from '@paygate/testkit';
import { purchaseStreams } from '@paygate/testkit/fixtures';
import { telegramWorld } from '../test-support/telegram-world.ts';
import { ACCESS_MANAGER_NAME, createAccessManager } from './access-manager.ts';

// The access manager on the in-memory store with the Telegram sandbox (its app answering the real
// client in process): one working link, one grant and one DM per paid invoice, whatever is redelivered.

const LEASE = 60;
const T0 = '2026-01-01T00:00:00.000Z';

const setup = () => {
  const clock = testClock(T0);
  const world = telegramWorld(clock);
  const subscriber = world.newUser('Sam');
  const paid = (invoiceId: string, paymentId: string, at = T0): GivenStreams => ({
    ...purchaseStreams({ invoiceId, channelId: 'ch1', subscriberId: subscriber, paymentId, at, chatId: world.chatId, ownerId: world.ownerId }),
  });
  const manager = (eventStore: EventStore, workerId = 'worker-a', telegram: TelegramGateway = world.telegram) =>
    createAccessManager({ eventStore, telegram, clock, workerId, options: { leaseSeconds: LEASE, botUsername: 'paygate_test_bot' } });
  const links = (invoiceId: string) => world.sandbox.control.inviteLinks(Number(world.chatId)).filter((link) => link.name?.endsWith(invoiceId));
  return { clock, world, subscriber, paid, manager, links, stream: `subscription-ch1-${subscriber}` };
};

const types = (events: readonly RecordedEvent[] = []) => events.map((event) => event.type);

describe('access manager', () => {
  it('a paid invoice: a claim, one join-request link, the grant and period, then the DM with the link', async () => {
    const { world, subscriber, paid, manager, links, stream } = setup();
    const received = givenEventId('payment-5001', 2);
    const { appended } = await commandSpec()
      .given(paid('inv_1', '5001'))
      .when(async (ctx) => manager(ctx.eventStore).handle(ctx.recorded('PaymentReceived')))
      .thenAppends({
        [stream]: [
          { type: 'InviteLinkRequested', metadata: { causationId: received } },
          { type: 'AccessGranted' },
          { type: 'SubscriptionStarted' },
          { type: 'InviteLinkSent' },
        ],
      });
    const [link] = links('inv_1');
    expect(links('inv_1')).toHaveLength(1);
    expect(link).toMatchObject({ name: 'pg1-inv_1', createsJoinRequest: true, isRevoked: false, expireDate: Date.parse('2026-01-02T00:00:00Z') / 1000 });
    const [, granted, started, sent] = appended[stream]!;
    expect(granted!.data).toMatchObject({ invoiceId: 'inv_1', paymentId: '5001', inviteLink: link!.inviteLink, chatId: world.chatId });
    expect(started!.data).toMatchObject({ startsAt: T0, endsAt: '2026-01-31T00:00:00.000Z', durationDays: 30 });
    expect(sent!.data).toMatchObject({ delivery: 'sent', messageId: 1 });
    expect(world.dms(subscriber)).toEqual([expect.stringContaining(link!.inviteLink)]);
  });

  // Under load every round trip waits for a database connection: a fresh payment costs the two
  // reads (channel and subscription, at once) and the three appends, no read between steps.
  it('a paid invoice is read once (channel and subscription) and then only appended to', async () => {
    const { paid, manager, stream } = setup();
    const reads: string[] = [];
    await commandSpec()
      .given(paid('inv_1', '5001'))
      .when(async (ctx) => {
        const counting: EventStore = { ...ctx.eventStore, readStream: (id, options) => (reads.push(id), ctx.eventStore.readStream(id, options)) };
        await manager(counting).handle(ctx.recorded('PaymentReceived'));
      })
      .thenAppends({ [stream]: [{ type: 'InviteLinkRequested' }, { type: 'AccessGranted' }, { type: 'SubscriptionStarted' }, { type: 'InviteLinkSent' }] });
    expect(reads.sort()).toEqual(['channel-ch1', stream]);
  });

  it('asks for two seconds of the message budget in flight, at least 16', () => {
    const { manager } = setup();
    expect(manager(createInMemoryEventStore()).maxInFlight).toBe(60); // the 30/s default
    const at = (messagesPerSecond: number) => createAccessManager({ eventStore: createInMemoryEventStore(), telegram: setup().world.telegram, clock: () => new Date(T0), options: { messagesPerSecond } });
    expect(at(100).maxInFlight).toBe(200);
    expect(at(1).maxInFlight).toBe(16);
  });

  it('redeliveries, one after another and all at once from two workers, make no second link or DM', async () => {
    const { world, subscriber, paid, manager, links, stream } = setup();
    await commandSpec()
      .given(paid('inv_1', '5001'))
      .when(async (ctx) => {
        const received = ctx.recorded('PaymentReceived');
        await manager(ctx.eventStore).handle(received);
        await manager(ctx.eventStore).handle(received);
        const racing = await Promise.allSettled([manager(ctx.eventStore).handle(received), manager(ctx.eventStore, 'worker-b').handle(received)]);
        expect(racing.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      })
      .thenAppends({ [stream]: [{ type: 'InviteLinkRequested' }, { type: 'AccessGranted' }, { type: 'SubscriptionStarted' }, { type: 'InviteLinkSent' }] });
    expect(links('inv_1')).toHaveLength(1);
    expect(world.dms(subscriber)).toHaveLength(1);
  });

  it('copies racing before anything is recorded: one claims, the others are told to come back after the lease', async () => {
    const { world, subscriber, paid, manager, links, stream } = setup();
    world.sandbox.control.faults.delay('createChatInviteLink', 50);
    await commandSpec()
      .given(paid('inv_1', '5001'))
      .when(async (ctx) => {
        const received = ctx.recorded('PaymentReceived');
        const workers = ['w1', 'w2', 'w3'].map((id) => manager(ctx.eventStore, id));
        const results = await Promise.allSettled(workers.map((worker) => worker.handle(received)));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ kind: 'unavailable', details: { retryAfterSeconds: LEASE } });
        for (const worker of workers) await worker.handle(received); // the broker's redeliveries find the work done
      })
      .thenAppends({ [stream]: [{ type: 'InviteLinkRequested' }, { type: 'AccessGranted' }, { type: 'SubscriptionStarted' }, { type: 'InviteLinkSent' }] });
    expect(links('inv_1')).toHaveLength(1);
    expect(world.dms(subscriber)).toHaveLength(1);
  });

  it('a worker dies after Telegram made the link: after the lease another claims, and only its link is honoured', async () => {
    const { clock, world, subscriber, paid, manager, links, stream } = setup();
    const dying: TelegramGateway = {
      ...world.telegram,
      createChatInviteLink: async (input) => {
        await world.telegram.createChatInviteLink(input);
        throw new Error('SIGKILL: the worker died after Telegram answered');
      },
    };
    const { eventStore, appended } = await commandSpec()
      .given(paid('inv_1', '5001'))
      .when(async (ctx) => {
        const received = ctx.recorded('PaymentReceived');
        await expect(manager(ctx.eventStore, 'worker-dies', dying).handle(received)).rejects.toThrow('SIGKILL');
        await expect(manager(ctx.eventStore, 'worker-restarted').handle(received)).rejects.toMatchObject({ kind: 'unavailable' });
        clock.advance(LEASE * 1000);
        await manager(ctx.eventStore, 'worker-restarted').handle(received);
      })
      .thenAppends({
        [stream]: [{ type: 'InviteLinkRequested' }, { type: 'InviteLinkRequested' }, { type: 'AccessGranted' }, { type: 'SubscriptionStarted' }, { type: 'InviteLinkSent' }],
      });
    expect(links('inv_1').map((link) => link.name)).toEqual(['pg1-inv_1', 'pg2-inv_1']);
    const recorded = (appended[stream]![2]!.data as { inviteLink: string }).inviteLink;
    expect(recorded).toBe(links('inv_1')[1]!.inviteLink);
    expect(world.dms(subscriber)).toEqual([expect.stringContaining(recorded)]);
    expect(types(await eventStore.readStream(stream))).toHaveLength(5);
  });

  it('a failed Telegram call is thrown; the redelivery to the same worker continues its own claim at once', async () => {
    const { world, paid, manager, links, stream } = setup();
    world.sandbox.control.faults.fail('createChatInviteLink', { errorCode: 502, description: 'Bad Gateway' });
    await commandSpec()
      .given(paid('inv_1', '5001'))
      .when(async (ctx) => {
        const received = ctx.recorded('PaymentReceived');
        await expect(manager(ctx.eventStore).handle(received)).rejects.toMatchObject({ kind: 'unavailable' });
        await manager(ctx.eventStore).handle(received);
      })
      .thenAppends({ [stream]: [{ type: 'InviteLinkRequested' }, { type: 'AccessGranted' }, { type: 'SubscriptionStarted' }, { type: 'InviteLinkSent' }] });
    expect(links('inv_1')).toHaveLength(1);
  });

  it('a renewal while active extends from the current end, with a fresh link in a second DM', async () => {
    const { clock, world, subscriber, paid, manager, links, stream } = setup();
    const eventStore = createInMemoryEventStore();
    const given = paid('inv_1', '5001');
    for (const [streamId, events] of Object.entries(given)) await eventStore.append(streamId, events.map((e, i) => ({ ...e, id: givenEventId(streamId, i) })));
    const receivedOf = async (paymentId: string) => (await eventStore.readStream(`payment-${paymentId}`)).find((e) => e.type === 'PaymentReceived')!;
    await manager(eventStore).handle(await receivedOf('5001'));

    clock.set('2026-01-20T00:00:00.000Z');
    const second = purchaseStreams({ invoiceId: 'inv_2', channelId: 'ch1', subscriberId: subscriber, paymentId: '5002', at: '2026-01-20T00:00:00.000Z' });
    for (const streamId of ['invoice-inv_2', 'payment-5002']) await eventStore.append(streamId, second[streamId]!.map((e, i) => ({ ...e, id: givenEventId(streamId, i) })));
    await manager(eventStore).handle(await receivedOf('5002'));

    const extended = (await eventStore.readStream(stream)).find((event) => event.type === 'SubscriptionExtended')!;
    expect(extended.data).toMatchObject({ previousEndsAt: '2026-01-31T00:00:00.000Z', endsAt: '2026-03-02T00:00:00.000Z', extendedAt: '2026-01-20T00:00:00.000Z' });
    expect(world.dms(subscriber)).toHaveLength(2);
    expect(world.dms(subscriber)[1]).toContain(links('inv_2')[0]!.inviteLink);
  });

  it('a subscriber who blocked the bot: the grant stands, the DM is recorded as blocked and not retried', async () => {
    const { world, subscriber, paid, manager, stream } = setup();
    world.sandbox.control.blockBot(Number(subscriber));
    const { appended } = await commandSpec()
      .given(paid('inv_1', '5001'))
      .when(async (ctx) => {
        await manager(ctx.eventStore).handle(ctx.recorded('PaymentReceived'));
        await manager(ctx.eventStore).handle(ctx.recorded('PaymentReceived'));
      })
      .thenAppends({
        [`telegram-user-${subscriber}`]: [{ type: 'TelegramUserBlockedBot' }],
        [stream]: [{ type: 'InviteLinkRequested' }, { type: 'AccessGranted' }, { type: 'SubscriptionStarted' }, { type: 'InviteLinkSent' }],
      });
    expect(appended[stream]![3]!.data).toMatchObject({ delivery: 'blocked' });
    expect(world.sandbox.control.calls('sendMessage')).toHaveLength(1);
  });

  it('a channel that is not registered is not_found (the broker retries, then dead-letters); other events are ignored', async () => {
    const { paid, manager } = setup();
    const { 'channel-ch1': _channel, ...unregistered } = paid('inv_1', '5001');
    await commandSpec()
      .given(unregistered)
      .when(async (ctx) => manager(ctx.eventStore).handle(ctx.recorded('PaymentReceived')))
      .thenThrows('not_found');
    const { result } = await commandSpec()
      .given(paid('inv_1', '5001'))
      .when(async (ctx) => {
        const m = manager(ctx.eventStore);
        await m.handle(ctx.recorded('PaymentStatusRecorded'));
        return m;
      })
      .thenAppendsNothing();
    expect(result).toMatchObject({ name: ACCESS_MANAGER_NAME, handles: ['PaymentReceived'] });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessCommands, createAccessManager, type AccessCommands, type ProcessManager } from '@paygate/commands';
import { subscriptionStreamId, telegramUserStreamId, type RecordedEvent } from '@paygate/domain';
import { createPurchases } from './test-support/purchases.ts';
import { startLifecycleHarness, typesOf, type LifecycleHarness } from './test-support/lifecycle-harness.ts';
import { drainUpdates, startTelegramWorld, type TelegramWorld } from './test-support/telegram-world.ts';

// The access manager and the join handlers over a real PostgreSQL event store and the Telegram
// simulator over HTTP: one working link per paid invoice, through duplicates and crashes.

let h: LifecycleHarness;
let tg: TelegramWorld;
let purchases: ReturnType<typeof createPurchases>;
let manager: ProcessManager;
let access: AccessCommands;
const CHANNEL = 'ch_access';
const LEASE = 60;

beforeAll(async () => {
  h = await startLifecycleHarness('paygate_access');
  tg = await startTelegramWorld({ clock: h.clock, channels: h.channels, channelId: CHANNEL });
  purchases = createPurchases(h.eventStore, h.clock);
  const deps = { eventStore: h.eventStore, telegram: tg.client, clock: h.clock, options: { leaseSeconds: LEASE, botUsername: 'paygate_test_bot' } };
  manager = createAccessManager({ ...deps, workerId: 'worker-a' });
  access = createAccessCommands(deps);
});
afterAll(async () => {
  await tg?.close();
  await h?.close();
});

let n = 0;
const subscriberPays = async (name: string) => {
  const userId = tg.newUser(name);
  n += 1;
  const received = await purchases.pay({ invoiceId: `inv_acc_${n}`, channelId: CHANNEL, subscriberId: String(userId), paymentId: String(9_500_000 + n) });
  return { userId, received, invoiceId: `inv_acc_${n}`, streamId: subscriptionStreamId(CHANNEL, String(userId)) };
};
const linksOf = (invoiceId: string) => tg.sandbox.control.inviteLinks(tg.chatId).filter((link) => link.name?.endsWith(invoiceId));
const grantedLink = async (streamId: string) => {
  const events = await h.stream(streamId);
  return (events.find((event) => event.type === 'AccessGranted')!.data as { inviteLink: string }).inviteLink;
};
const join = async (userId: number, inviteLink: string) => {
  const outcome = tg.sandbox.control.joinViaLink({ userId, inviteLink });
  return { outcome, handled: await drainUpdates(access, tg) };
};

describe('access manager', () => {
  it('a paid invoice gets one join-request link, a grant, a period and one DM; the subscriber gets in through it once', async () => {
    const { userId, received, invoiceId, streamId } = await subscriberPays('Sam');
    await manager.handle(received);

    expect(typesOf(await h.stream(streamId))).toEqual(['InviteLinkRequested', 'AccessGranted', 'SubscriptionStarted', 'InviteLinkSent']);
    const [link] = linksOf(invoiceId);
    expect(linksOf(invoiceId)).toHaveLength(1);
    expect(link).toMatchObject({ name: `pg1-${invoiceId}`, createsJoinRequest: true, isRevoked: false, expireDate: Date.parse('2026-01-02T00:00:00Z') / 1000 });
    const started = (await h.stream(streamId)).find((e) => e.type === 'SubscriptionStarted')!;
    expect(started.data).toMatchObject({ startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2026-01-31T00:00:00.000Z', durationDays: 30 });
    expect(started.metadata).toMatchObject({ causationId: received.id });
    const dms = tg.dms(userId);
    expect(dms).toHaveLength(1);
    expect(dms[0]).toContain(link!.inviteLink);
    expect(dms[0]).toContain('until 2026-01-31 00:00 UTC (in 30 days)');

    const { outcome, handled } = await join(userId, link!.inviteLink);
    expect(outcome.outcome).toBe('requested');
    expect(handled).toEqual([{ action: 'approve' }, { kind: 'member' }]);
    expect(tg.sandbox.control.member(tg.chatId, userId).status).toBe('member');
    expect(linksOf(invoiceId)[0]!.isRevoked).toBe(true); // one-time
    expect(typesOf(await h.stream(streamId)).slice(4)).toEqual(['JoinRequestApproved', 'MemberJoined']);
  });

  it('duplicate deliveries, one after another and all at once, make no second link or DM', async () => {
    const { userId, received, invoiceId, streamId } = await subscriberPays('Dee');
    await manager.handle(received);
    await manager.handle(received);
    const other = createAccessManager({ eventStore: h.eventStore, telegram: tg.client, clock: h.clock, workerId: 'worker-b' });
    const racing = await Promise.allSettled([manager.handle(received), other.handle(received), manager.handle(received), other.handle(received)]);
    expect(racing.every((result) => result.status === 'fulfilled')).toBe(true);
    expect(linksOf(invoiceId)).toHaveLength(1);
    expect(tg.dms(userId)).toHaveLength(1);
    expect(typesOf(await h.stream(streamId))).toEqual(['InviteLinkRequested', 'AccessGranted', 'SubscriptionStarted', 'InviteLinkSent']);
  });

  it('copies racing before anything is recorded: one claims, the others are told to come back later', async () => {
    const { userId, received, invoiceId, streamId } = await subscriberPays('Ray');
    tg.sandbox.control.faults.delay('createChatInviteLink', 150);
    const workers = ['w1', 'w2', 'w3'].map((workerId) => createAccessManager({ eventStore: h.eventStore, telegram: tg.client, clock: h.clock, workerId }));
    const results = await Promise.allSettled(workers.map((worker) => worker.handle(received)));
    tg.sandbox.control.faults.clear();
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) if (result.status === 'rejected') expect(result.reason).toMatchObject({ kind: 'unavailable', details: { retryAfterSeconds: LEASE } });
    expect(linksOf(invoiceId)).toHaveLength(1);
    expect(tg.dms(userId)).toHaveLength(1);
    // The broker's redeliveries of the losers find the work done.
    for (const worker of workers) await worker.handle(received);
    expect(tg.dms(userId)).toHaveLength(1);
    expect(typesOf(await h.stream(streamId)).filter((t) => t === 'AccessGranted')).toHaveLength(1);
  });

  it('two payments for one invoice grant once', async () => {
    const { userId, received, invoiceId, streamId } = await subscriberPays('Tom');
    await manager.handle(received);
    const second = await purchases.payAgain(invoiceId, '9599999');
    await manager.handle(second);
    expect(linksOf(invoiceId)).toHaveLength(1);
    expect(tg.dms(userId)).toHaveLength(1);
    expect(typesOf(await h.stream(streamId))).toEqual(['InviteLinkRequested', 'AccessGranted', 'SubscriptionStarted', 'InviteLinkSent']);
  });

  it('killed between creating the link and recording it: exactly one working link and one AccessGranted', async () => {
    const { userId, received, invoiceId, streamId } = await subscriberPays('Kim');
    // Worker A: Telegram creates the link, then the process dies before the append.
    const crashing = createAccessManager({
      eventStore: h.eventStore,
      telegram: {
        ...tg.client,
        createChatInviteLink: async (input) => {
          await tg.client.createChatInviteLink(input);
          throw new Error('SIGKILL: worker died after Telegram answered');
        },
      },
      clock: h.clock,
      workerId: 'worker-dies',
    });
    await expect(crashing.handle(received)).rejects.toThrow('SIGKILL');
    expect(linksOf(invoiceId)).toHaveLength(1);
    expect(typesOf(await h.stream(streamId))).toEqual(['InviteLinkRequested']);

    // A restarted worker gets the redelivery: it waits while the dead worker's claim holds...
    const restarted = createAccessManager({ eventStore: h.eventStore, telegram: tg.client, clock: h.clock, workerId: 'worker-restarted', options: { leaseSeconds: LEASE } });
    await expect(restarted.handle(received)).rejects.toMatchObject({ kind: 'unavailable' });
    // ...and after the lease claims attempt 2, creates its link and records it.
    h.clock.advance(LEASE * 1000);
    await restarted.handle(received);
    h.clock.advance(-LEASE * 1000);
    await restarted.handle(received);

    const stream = await h.stream(streamId);
    expect(typesOf(stream)).toEqual(['InviteLinkRequested', 'InviteLinkRequested', 'AccessGranted', 'SubscriptionStarted', 'InviteLinkSent']);
    const links = linksOf(invoiceId);
    expect(links.map((link) => link.name)).toEqual([`pg1-${invoiceId}`, `pg2-${invoiceId}`]);
    const recorded = await grantedLink(streamId);
    const orphan = links.find((link) => link.inviteLink !== recorded)!;
    expect(recorded).toBe(links[1]!.inviteLink);
    expect(tg.dms(userId)).toEqual([expect.stringContaining(recorded)]);

    // The orphan admits nobody: a join request through it is declined and the link revoked.
    const viaOrphan = await join(userId, orphan.inviteLink);
    expect(viaOrphan.outcome.outcome).toBe('requested'); // Telegram only files a request: the link alone grants nothing
    expect(viaOrphan.handled).toEqual([{ action: 'decline', reason: 'orphan', linkRevoked: true }]);
    expect(tg.sandbox.control.member(tg.chatId, userId).status).toBe('left');
    expect(linksOf(invoiceId).find((link) => link.inviteLink === orphan.inviteLink)!.isRevoked).toBe(true);
    // Someone else holding the recorded link is refused; the link stays the subscriber's.
    const stranger = tg.newUser('Stranger');
    expect((await join(stranger, recorded)).handled).toEqual([{ action: 'decline', reason: 'not_issued', linkRevoked: false }]);
    // The recorded link lets the subscriber in.
    expect((await join(userId, recorded)).handled).toEqual([{ action: 'approve' }, { kind: 'member' }]);
    expect(tg.sandbox.control.member(tg.chatId, userId).status).toBe('member');
    expect(tg.sandbox.control.member(tg.chatId, stranger).status).toBe('left');
    expect(linksOf(invoiceId).filter((link) => !link.isRevoked)).toEqual([]);
  });

  it('a redelivery to the same worker after a failed Telegram call continues its own claim at once', async () => {
    const { userId, received, invoiceId, streamId } = await subscriberPays('Lou');
    tg.sandbox.control.faults.fail('createChatInviteLink', { errorCode: 502, description: 'Bad Gateway' });
    await expect(manager.handle(received)).rejects.toMatchObject({ kind: 'unavailable' });
    await manager.handle(received);
    expect(typesOf(await h.stream(streamId))).toEqual(['InviteLinkRequested', 'AccessGranted', 'SubscriptionStarted', 'InviteLinkSent']);
    expect(linksOf(invoiceId)).toHaveLength(1);
    expect(tg.dms(userId)).toHaveLength(1);
  });

  it('a renewal while active extends from the current end, with a fresh link in the DM', async () => {
    const userId = tg.newUser('Ren');
    const subscriberId = String(userId);
    const first = await purchases.pay({ invoiceId: 'inv_ren_1', channelId: CHANNEL, subscriberId, paymentId: '9600001' });
    await manager.handle(first);
    h.clock.set('2026-01-20T00:00:00.000Z');
    const second = await purchases.pay({ invoiceId: 'inv_ren_2', channelId: CHANNEL, subscriberId, paymentId: '9600002' });
    await manager.handle(second);
    h.clock.set('2026-01-01T00:00:00.000Z');
    const stream = await h.stream(subscriptionStreamId(CHANNEL, subscriberId));
    const extended = stream.find((event) => event.type === 'SubscriptionExtended')!;
    expect(extended.data).toMatchObject({ previousEndsAt: '2026-01-31T00:00:00.000Z', endsAt: '2026-03-02T00:00:00.000Z', extendedAt: '2026-01-20T00:00:00.000Z' });
    const dms = tg.dms(userId);
    expect(dms).toHaveLength(2);
    expect(dms[1]).toContain('extended');
    expect(dms[1]).toContain(linksOf('inv_ren_2')[0]!.inviteLink);
  });

  it('a subscriber who blocked the bot: the grant stands, the DM is recorded as blocked and not retried', async () => {
    const userId = tg.newUser('Bea');
    tg.sandbox.control.blockBot(userId);
    const received = await purchases.pay({ invoiceId: 'inv_blocked', channelId: CHANNEL, subscriberId: String(userId), paymentId: '9700001' });
    await manager.handle(received);
    await manager.handle(received);
    const stream = await h.stream(subscriptionStreamId(CHANNEL, String(userId)));
    expect(stream.at(-1)).toMatchObject({ type: 'InviteLinkSent', data: { delivery: 'blocked' } });
    expect(typesOf(await h.stream(telegramUserStreamId(String(userId))))).toEqual(['TelegramUserBlockedBot']);
    expect(tg.sandbox.control.calls('sendMessage').filter((call) => String((call.params as { chat_id?: unknown }).chat_id) === String(userId))).toHaveLength(1);
  });

  it('rate limited on the DM: the grant is kept, the delivery fails for the broker to retry, and the retry DMs once', async () => {
    const { userId, received, streamId } = await subscriberPays('Rita');
    tg.sandbox.control.faults.rateLimit('sendMessage', { retryAfter: 30 });
    await expect(manager.handle(received)).rejects.toMatchObject({ kind: 'rate_limited', details: { retryAfterSeconds: 30 } });
    expect(typesOf(await h.stream(streamId))).toEqual(['InviteLinkRequested', 'AccessGranted', 'SubscriptionStarted']);
    await manager.handle(received);
    expect(tg.dms(userId)).toHaveLength(1);
    expect(typesOf(await h.stream(streamId)).at(-1)).toBe('InviteLinkSent');
  });
});

describe('joins PayGate did not approve', () => {
  it('someone joining through a bot link not issued to them is removed (ban + unban, never a lasting ban) and the link revoked', async () => {
    const { userId, received, invoiceId } = await subscriberPays('Ann');
    await manager.handle(received);
    // A link the bot made without join requests (say, by an older release) reaches an intruder.
    const leaked = await tg.client.createChatInviteLink({ chatId: String(tg.chatId), name: 'legacy', memberLimit: 5 });
    const intruder = tg.newUser('Ivan');
    const { outcome, handled } = await join(intruder, leaked.inviteLink);
    expect(outcome.outcome).toBe('joined');
    expect(handled).toEqual([{ kind: 'intruder' }]);
    expect(tg.sandbox.control.member(tg.chatId, intruder).status).toBe('left');
    expect(tg.sandbox.control.bans(tg.chatId).map((ban) => ban.userId)).not.toContain(intruder);
    expect(tg.sandbox.control.inviteLinks(tg.chatId).find((link) => link.inviteLink === leaked.inviteLink)!.isRevoked).toBe(true);
    const stream = await h.stream(subscriptionStreamId(CHANNEL, String(intruder)));
    expect(stream.map((e: RecordedEvent) => [e.type, (e.data as { inviteLink: string }).inviteLink])).toEqual([['IntruderRemoved', leaked.inviteLink]]);
    // The owner's own links are the owner's business; the subscriber's link is untouched.
    expect(linksOf(invoiceId)[0]!.isRevoked).toBe(false);
    expect(tg.sandbox.control.member(tg.chatId, userId).status).toBe('left');
  });
});

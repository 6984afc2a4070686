import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelCodeForChat } from '@paygate/bot';
import { channelStreamId, paymentStreamId, splitStreamId, subscriptionStreamId, type RecordedEvent } from '@paygate/domain';
import { createTelegramClient, type SandboxMessage, type TelegramSandboxControl } from '@paygate/gateways';
import { createTestDatabase, testNatsUrl, uniqueName, waitFor, type TestDatabase } from '@paygate/testkit';
import { loadConfig } from '../config/index.ts';
import { createLogger } from '../logging/index.ts';
import { createPool } from '../postgres/index.ts';
import type { LeaderLock } from '../relay/index.ts';
import { deleteStreams } from '../relay/test-support/jetstream-contents.ts';
import { startPayGate, type RunningPayGate } from '../runtime/index.ts';
import {
  buttonsOf,
  createInbox,
  createJourneyDriver,
  createTestClock,
  DAY_MS,
  holdExpiryTimerLock,
  HOUR_MS,
  inviteLinkIn,
  type JourneyDriver,
} from './test-support/journey-world.ts';

// One process runs every role (api with both sandboxes, relay, projector, workers, bot) over a
// fresh PostgreSQL and real NATS; the platform's clock is the test's, moved forward by days.
const clock = createTestClock();
const stream = uniqueName('E2E_SUBS');
const lines: { level: number; msg: string }[] = [];
const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) } });

let db: TestDatabase;
let lockPool: ReturnType<typeof createPool>;
let timerLock: LeaderLock | undefined;
let running: RunningPayGate;
let tg: TelegramSandboxControl;
let pg: JourneyDriver;
let inbox: ReturnType<typeof createInbox>;

// What the journey learns as it goes, shared by the steps below (they run in order).
const journey = {} as {
  owner: number;
  chat: number;
  channelId: string;
  sue: number;
  ray: number;
  sueEndsAt: string;
  rayEndsAt: string;
  rayRenewedEndsAt: string;
  rayRenewalLink: string;
};

const sweep = () => running.paygate.lifecycle.sweeper.sweepExpiries(clock.now());
const dataOf = <T>(events: RecordedEvent[], type: string) => events.filter((event) => event.type === type).map((event) => event.data as T);

beforeAll(async () => {
  db = await createTestDatabase('e2e_subs');
  // The test is the one expiry sweeper until the last step hands the timer to the workers.
  lockPool = createPool(db.url, { max: 2 });
  timerLock = await holdExpiryTimerLock(lockPool);
  const config = loadConfig({
    DATABASE_URL: db.url,
    NATS_URL: testNatsUrl(),
    NATS_STREAM: stream,
    NATS_SUBJECT_PREFIX: `test.${stream.toLowerCase()}`,
    PORT: '0',
    HOST: '127.0.0.1',
    PAYGATE_DATA_DIR: `/tmp/paygate-e2e-subs-${process.pid}`,
    SUBSCRIPTION_GRACE_HOURS: '1',
    SUBSCRIPTION_REMINDER_DAYS: '3,1',
    // No TELEGRAM_BOT_TOKEN, no NOWPAYMENTS_API_URL: the api role serves both sandboxes.
  });
  running = await startPayGate({ config, logger, platform: { clock: clock.now } });
  tg = running.paygate.telegram.sandbox!.control;
  const { bot } = running.paygate;
  pg = createJourneyDriver(running, bot.secretToken, bot.webhook);
  inbox = createInbox(tg);
}, 60_000);

afterAll(async () => {
  await running?.stop();
  await timerLock?.release();
  await lockPool?.end();
  await deleteStreams(testNatsUrl(), stream, `${stream}_DEAD`, `${stream}_REPLAY`);
  await db?.drop();
});

/** A subscriber's way in: deep link → plan → pay button → invoice id; returns the updates it took. */
const choosePlan = async (userId: number, channelId: string, seen: number) => {
  const start = tg.sendText({ userId, text: `/start ${channelId}` });
  const offer = await waitFor('the offer', () => inbox.all(userId)[seen]);
  const [plan] = buttonsOf(offer);
  expect(plan?.text).toBe('Monthly — 9.99 USD for 30 days');
  const press = tg.pressButton({ userId, messageId: offer.messageId, data: plan!.callback_data! });
  const invoice = await waitFor('the pay button', () => inbox.all(userId)[seen + 1]);
  return { start, press, offer, invoice, ...payButton(invoice) };
};

const payButton = (message: SandboxMessage) => {
  const [pay] = buttonsOf(message);
  expect(pay?.text).toBe('Pay 9.99 USD');
  expect(pay?.url).toContain(`${pg.url}/sandbox/nowpayments/`);
  return { invoiceId: /Invoice (inv_[0-9a-f]{24})/.exec(message.text)![1]! };
};

const joins = async (userId: number, inviteLink: string) => {
  const outcome = tg.joinViaLink({ userId, inviteLink });
  if (outcome.outcome !== 'requested' || !outcome.update) throw new Error(`join through ${inviteLink}: ${JSON.stringify(outcome)}`);
  await waitFor(`user ${userId} is a member`, () => tg.member(journey.chat, userId).status === 'member', { timeoutMs: 20_000 });
  return outcome.update;
};

describe('the subscription lifecycle, end to end: Telegram simulator → bot → NOWPayments sandbox → NATS → workers → expiry', () => {
  it('an owner adds the bot to a channel and registers it through the bot, then prices a tier; a non-admin can do neither', async () => {
    const owner = tg.createUser({ firstName: 'Olga', startedBot: true });
    const chat = tg.createChannel({ ownerId: owner.id, title: 'Alpha signals' });
    const added = tg.promoteBot({ chatId: chat.id });
    const channelId = channelCodeForChat(String(chat.id));
    Object.assign(journey, { owner: owner.id, chat: chat.id, channelId });

    const registered = await inbox.wait(owner.id, /is registered/);
    expect(registered.text).toContain(`https://t.me/paygate_sandbox_bot?start=${channelId}`);
    expect((await pg.stream(channelStreamId(channelId)))[0]?.data).toMatchObject({ chatId: String(chat.id), ownerId: String(owner.id), title: 'Alpha signals' });
    // Telegram delivering the same update again (a webhook retry): nothing is registered or said twice.
    expect(await pg.deliverUpdate(added!)).toBe(200);
    // A polling bot has no webhook route for anyone to post forged updates to.
    expect((await fetch(`${pg.url}/webhooks/telegram`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect(inbox.matching(owner.id, /is registered/)).toHaveLength(1);

    // Owner commands without a channel code look the channel up in the channels read model.
    await waitFor('channel projected', async () => (await running.platform.pool.query('SELECT 1 FROM read_model.channels WHERE channel_id = $1', [channelId])).rowCount === 1);
    tg.sendText({ userId: owner.id, text: '/addtier Monthly 9.99 30' });
    expect((await inbox.wait(owner.id, /Tier "Monthly" added/)).text).toContain('9.99 USD for 30 days');

    // Mallory is no admin of "Delta" (whose owner has not granted the rights yet); an update
    // claiming she made the bot an admin there is checked against getChatAdministrators.
    const mallory = tg.createUser({ firstName: 'Mallory', startedBot: true });
    const delta = tg.createChannel({ ownerId: owner.id, title: 'Delta' });
    tg.promoteBot({ chatId: delta.id, rights: { can_invite_users: false } });
    await inbox.wait(owner.id, /"Delta"/);
    const bot = { id: running.paygate.telegram.sandbox!.botId, is_bot: true, first_name: 'PayGate Sandbox' };
    const forged = {
      update_id: 900_000_001,
      my_chat_member: {
        chat: { id: delta.id, type: 'channel', title: 'Delta' },
        from: { id: mallory.id, is_bot: false, first_name: 'Mallory' },
        date: Math.floor(clock.now().getTime() / 1000),
        old_chat_member: { status: 'left', user: bot },
        new_chat_member: { status: 'administrator', user: bot, can_invite_users: true, can_restrict_members: true, can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: true, can_manage_video_chats: false, can_promote_members: false, can_change_info: false, can_post_stories: false, can_edit_stories: false, can_delete_stories: false },
      },
    };
    expect(await pg.deliverUpdate(forged)).toBe(200);
    expect((await inbox.wait(mallory.id, /Only an administrator of "Delta"/)).text).toBeTruthy();
    expect(await pg.types(channelStreamId(channelCodeForChat(String(delta.id))))).toEqual([]);
    // Nor may she price the registered channel.
    tg.sendText({ userId: mallory.id, text: `/addtier ${channelId} Cheap 1 30` });
    await inbox.wait(mallory.id, /managed by the administrator who registered it/);
    expect((await pg.types(channelStreamId(channelId))).filter((type) => type === 'TierPriced')).toHaveLength(1);
  });
  it('a subscriber opens the deep link, picks the tier, pays in the sandbox and gets one invite link by DM; duplicate IPNs and updates change nothing', async () => {
    const { owner, chat, channelId } = journey;
    const sue = tg.createUser({ firstName: 'Sue' }).id;
    journey.sue = sue;
    const { start, press, invoiceId } = await choosePlan(sue, channelId, 0);
    expect(await pg.types(`invoice-${invoiceId}`)).toEqual(['InvoiceCreated', 'InvoiceLinked']);
    // The same /start and the same button press delivered again: no second offer or invoice.
    expect(await pg.deliverUpdate(start)).toBe(200);
    expect(await pg.deliverUpdate(press.update)).toBe(200);
    expect(inbox.all(sue)).toHaveLength(2);

    // Every IPN of the payment arrives twice.
    const paid = await pg.pay(invoiceId, { duplicate: true });
    expect(paid.statuses.at(-1)).toBe('finished');
    const access = await inbox.wait(sue, /is active/);
    const link = inviteLinkIn(access.text);
    const stream = subscriptionStreamId(channelId, String(sue));
    const events = await waitFor('InviteLinkSent', async () => {
      const found = await pg.stream(stream);
      return found.some((event) => event.type === 'InviteLinkSent') ? found : undefined;
    });
    expect(events.map((event) => event.type)).toEqual(['InviteLinkRequested', 'AccessGranted', 'SubscriptionStarted', 'InviteLinkSent']);
    const [started] = dataOf<{ startsAt: string; endsAt: string; invoiceId: string }>(events, 'SubscriptionStarted');
    expect(started!.invoiceId).toBe(invoiceId);
    expect(Date.parse(started!.endsAt) - Date.parse(started!.startsAt)).toBe(30 * DAY_MS);
    journey.sueEndsAt = started!.endsAt;
    expect((await pg.types(paymentStreamId(String(paid.paymentId)))).filter((type) => type === 'PaymentReceived')).toHaveLength(1);
    const issued = tg.inviteLinks(chat).filter((candidate) => candidate.inviteLink === link);
    expect(issued).toMatchObject([{ createsJoinRequest: true, isRevoked: false, creatorId: running.paygate.telegram.sandbox!.botId }]);
    await inbox.wait(owner, /New subscriber in "Alpha signals"/);

    // A late copy of the signed `finished` IPN, and a second payment of the paid invoice: the
    // sandbox takes it only on purpose, and PayGate records it as an overpayment — no grant, no split.
    const ipns = await pg.http<{ invoiceId: string; status: string; url: string; body: string; signature: string }[]>('/sandbox/nowpayments/sandbox/ipns');
    const finished = ipns.find((ipn) => ipn.status === 'finished' && JSON.parse(ipn.body).order_id === invoiceId)!;
    const late = await fetch(finished.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-nowpayments-sig': finished.signature }, body: finished.body });
    expect(late.status).toBe(200);
    await expect(pg.pay(invoiceId)).rejects.toThrow(/409 .*already paid/);
    const again = await pg.pay(invoiceId, { again: true });
    expect(again.paymentId).not.toBe(paid.paymentId);
    await waitFor('the second payment recorded as paid twice', async () => (await pg.types(paymentStreamId(String(again.paymentId)))).includes('InvoicePaidTwice'));
    expect((await pg.types(paymentStreamId(String(again.paymentId)))).filter((type) => type !== 'PaymentStatusRecorded')).toEqual(['InvoicePaidTwice']);
    expect(dataOf<{ paymentId: string }>(await pg.stream(`invoice-${invoiceId}`), 'InvoicePaid')).toEqual([expect.objectContaining({ paymentId: String(paid.paymentId) })]);
    await waitFor('the first payment split', async () => (await pg.types(splitStreamId(String(paid.paymentId)))).length > 0);
    await inbox.wait(owner, /Payment received for "Alpha signals"/);

    // Sue joins: her join request goes through the bot to the access manager, which approves it and revokes the link.
    const requested = await joins(sue, link);
    await waitFor('the join recorded', async () => (await pg.types(stream)).includes('MemberJoined'));
    // Approved, then revoked (one use): the member update may arrive in between.
    await waitFor('the used link revoked', () => tg.inviteLinks(chat).find((candidate) => candidate.inviteLink === link)?.isRevoked);
    // The join request delivered again: nothing more.
    expect(await pg.deliverUpdate(requested)).toBe(200);

    const after = await pg.stream(stream);
    expect(after.map((event) => event.type)).toEqual(['InviteLinkRequested', 'AccessGranted', 'SubscriptionStarted', 'InviteLinkSent', 'JoinRequestApproved', 'MemberJoined']);
    expect(inbox.matching(sue, /Your personal link/)).toHaveLength(1);
    // The second payment was split as no revenue and told to no owner as a sale.
    expect(await pg.types(splitStreamId(String(again.paymentId)))).toEqual([]);
    expect(inbox.matching(owner, /Payment received for "Alpha signals"/)).toHaveLength(1);
    expect(inbox.all(sue)).toHaveLength(3);
    expect(tg.inviteLinks(chat).filter((candidate) => candidate.creatorId !== owner && !candidate.isPrimary)).toHaveLength(1);
    expect(tg.calls('approveChatJoinRequest')).toHaveLength(1);

    // Ray subscribes the same way (he will renew).
    const ray = tg.createUser({ firstName: 'Ray' }).id;
    journey.ray = ray;
    const rays = await choosePlan(ray, channelId, 0);
    await pg.pay(rays.invoiceId);
    await joins(ray, inviteLinkIn((await inbox.wait(ray, /is active/)).text));
    const [rayStarted] = dataOf<{ endsAt: string }>(await pg.stream(subscriptionStreamId(channelId, String(ray))), 'SubscriptionStarted');
    journey.rayEndsAt = rayStarted!.endsAt;
  });

  it('the clock moves on: reminders 3 days and 1 day before the end, each sent once', async () => {
    const { channelId, sue, ray, sueEndsAt, rayEndsAt } = journey;
    await pg.projected(channelId, String(sue), sueEndsAt);
    await pg.projected(channelId, String(ray), rayEndsAt);
    const lastEnd = Math.max(Date.parse(sueEndsAt), Date.parse(rayEndsAt));

    clock.set(new Date(lastEnd - 3 * DAY_MS + HOUR_MS));
    expect(await sweep()).toMatchObject({ reminded: 2, revoked: 0, failed: 0 });
    expect(await sweep()).toMatchObject({ reminded: 0, revoked: 0 });
    expect((await inbox.wait(sue, /Renew before then/)).text).toContain('ends in 3 days');

    clock.set(new Date(lastEnd - DAY_MS + HOUR_MS));
    expect(await sweep()).toMatchObject({ reminded: 2, revoked: 0, failed: 0 });
    expect(await sweep()).toMatchObject({ reminded: 0, revoked: 0 });
    expect((await inbox.wait(sue, /Renew before then/, 2)).text).toContain('ends in 1 day,');

    for (const [user, endsAt] of [[sue, sueEndsAt], [ray, rayEndsAt]] as const) {
      expect(inbox.matching(user, /Renew before then/)).toHaveLength(2);
      const reminders = dataOf<{ period: string; daysBefore: number }>(await pg.stream(subscriptionStreamId(channelId, String(user))), 'ExpiryReminderSent');
      expect(reminders).toMatchObject([{ period: endsAt, daysBefore: 3 }, { period: endsAt, daysBefore: 1 }]);
    }
  });
  it('a renewal in the grace period extends from the old end, not from today; the lapsed subscriber is removed by ban + unban and told how to come back', async () => {
    const { owner, chat, channelId, sue, ray, sueEndsAt, rayEndsAt } = journey;
    // Half an hour into Ray's grace (SUBSCRIPTION_GRACE_HOURS=1) he renews from /subscriptions.
    clock.set(new Date(Date.parse(rayEndsAt) + HOUR_MS / 2));
    const seen = inbox.all(ray).length;
    tg.sendText({ userId: ray, text: '/subscriptions' });
    const list = await waitFor('the subscriptions list', () => inbox.all(ray)[seen]);
    expect(list.text).toContain('"Alpha signals" (Monthly)');
    const renew = buttonsOf(list).find((button) => button.text === 'Renew "Alpha signals"')!;
    tg.pressButton({ userId: ray, messageId: list.messageId, data: renew.callback_data! });
    const { invoiceId } = payButton(await waitFor('the renewal pay button', () => inbox.all(ray)[seen + 1]));
    const paidAt = clock.now();
    await pg.pay(invoiceId);
    const renewed = await inbox.wait(ray, /is extended/);
    journey.rayRenewalLink = inviteLinkIn(renewed.text);
    const rayStream = subscriptionStreamId(channelId, String(ray));
    const [extended] = await waitFor('SubscriptionExtended', async () => {
      const found = dataOf<{ previousEndsAt: string; endsAt: string; invoiceId: string }>(await pg.stream(rayStream), 'SubscriptionExtended');
      return found.length > 0 ? found : undefined;
    });
    expect(extended).toMatchObject({ invoiceId, previousEndsAt: rayEndsAt, endsAt: new Date(Date.parse(rayEndsAt) + 30 * DAY_MS).toISOString() });
    expect(Date.parse(extended!.endsAt)).toBeLessThan(paidAt.getTime() + 30 * DAY_MS); // not from today
    journey.rayRenewedEndsAt = extended!.endsAt;
    await inbox.wait(owner, /User \d+ renewed in "Alpha signals"/);
    await pg.projected(channelId, String(ray), extended!.endsAt);

    // Past Sue's end + grace: the sweep removes her, and only her.
    clock.set(new Date(Math.max(Date.parse(sueEndsAt), Date.parse(rayEndsAt)) + HOUR_MS + 60_000));
    expect(await sweep()).toMatchObject({ revoked: 1, noticed: 0, reminded: 0, failed: 0 });
    expect(await sweep()).toMatchObject({ revoked: 0, noticed: 0, reminded: 0 });
    const comeBack = await inbox.wait(sue, /your access was removed/);
    expect(comeBack.text).toContain(`You can come back at any time: https://t.me/paygate_sandbox_bot?start=${channelId}`);
    expect(tg.member(chat, sue).status).toBe('left');
    expect(tg.bans(chat)).toEqual([]); // removed, never banned for good
    const bans = tg.calls('banChatMember').filter((call) => call.params.user_id === sue);
    const unbans = tg.calls('unbanChatMember').filter((call) => call.params.user_id === sue);
    expect(bans).toHaveLength(1);
    expect(unbans).toMatchObject([{ ok: true, params: { only_if_banned: true } }]);
    expect(unbans[0]!.seq).toBeGreaterThan(bans[0]!.seq);
    expect(bans[0]!.params.until_date ?? 0).toBe(0);
    const sueEvents = dataOf<{ period: string }>(await pg.stream(subscriptionStreamId(channelId, String(sue))), 'AccessRevoked');
    expect(sueEvents).toEqual([expect.objectContaining({ period: sueEndsAt })]);
    expect((await pg.types(subscriptionStreamId(channelId, String(sue)))).slice(-3)).toEqual(['AccessRevoked', 'SubscriptionExpired', 'ExpiryNoticeSent']);
    expect(inbox.matching(sue, /your access was removed/)).toHaveLength(1);
    expect(tg.member(chat, ray).status).toBe('member');
    expect(await pg.types(rayStream)).not.toContain('AccessRevoked');
  });

  it("an intruder with someone else's link is declined (the link stays its owner's); one who got in through a bot link not issued to them is removed and the link revoked", async () => {
    const { chat, channelId, ray, rayRenewalLink } = journey;
    const eve = tg.createUser({ firstName: 'Eve', startedBot: true }).id;
    expect(tg.joinViaLink({ userId: eve, inviteLink: rayRenewalLink }).outcome).toBe('requested');
    await inbox.wait(eve, /was declined/);
    expect(tg.joinRequests(chat)).toEqual([]);
    expect(tg.member(chat, eve).status).toBe('left');
    const eveStream = subscriptionStreamId(channelId, String(eve));
    expect(dataOf(await pg.stream(eveStream), 'JoinRequestDeclined')).toMatchObject([{ inviteLink: rayRenewalLink, reason: 'not_issued' }]);
    expect(tg.inviteLinks(chat).find((link) => link.inviteLink === rayRenewalLink)?.isRevoked).toBe(false);
    expect(dataOf(await pg.stream(subscriptionStreamId(channelId, String(ray))), 'JoinRequestDeclined')).toEqual([]);

    // A bot link without join requests (as an older release made them) reaches Ivan, who walks in.
    const bot = createTelegramClient({ apiRoot: `${pg.url}/sandbox/telegram`, token: running.paygate.telegram.token, rateLimit: false });
    const leaked = await bot.createChatInviteLink({ chatId: String(chat), name: 'legacy' });
    const ivan = tg.createUser({ firstName: 'Ivan', startedBot: true }).id;
    expect(tg.joinViaLink({ userId: ivan, inviteLink: leaked.inviteLink }).outcome).toBe('joined');
    const ivanStream = subscriptionStreamId(channelId, String(ivan));
    await waitFor('the intruder removed', async () => (await pg.types(ivanStream)).includes('IntruderRemoved'));
    expect(tg.member(chat, ivan).status).toBe('left');
    expect(tg.bans(chat)).toEqual([]);
    expect(tg.calls('unbanChatMember').filter((call) => call.params.user_id === ivan)).toMatchObject([{ ok: true, params: { only_if_banned: true } }]);
    expect(tg.inviteLinks(chat).find((link) => link.inviteLink === leaked.inviteLink)?.isRevoked).toBe(true);
    expect(dataOf(await pg.stream(ivanStream), 'IntruderRemoved')).toMatchObject([{ inviteLink: leaked.inviteLink }]);
    expect(tg.member(chat, ray).status).toBe('member');
  });

  it('the removed subscriber comes back through the deep link in her notice: a new period from today and a new link that lets her in', async () => {
    const { channelId, sue } = journey;
    const seen = inbox.all(sue).length;
    const { invoiceId } = await choosePlan(sue, channelId, seen);
    const paidAt = clock.now();
    await pg.pay(invoiceId);
    const access = await inbox.wait(sue, /is active/, 2);
    await joins(sue, inviteLinkIn(access.text));
    const started = dataOf<{ startsAt: string; endsAt: string }>(await pg.stream(subscriptionStreamId(channelId, String(sue))), 'SubscriptionStarted');
    expect(started).toHaveLength(2);
    expect(Date.parse(started[1]!.startsAt)).toBeGreaterThanOrEqual(paidAt.getTime());
  });

  it('handed back to the workers, the expiry timer sends the renewed period its first reminder, once', async () => {
    const { channelId, ray, rayRenewedEndsAt } = journey;
    clock.set(new Date(Date.parse(rayRenewedEndsAt) - 3 * DAY_MS + HOUR_MS / 2));
    await timerLock!.release();
    timerLock = undefined;
    await waitFor('the workers run the expiry timer', () => lines.some((line) => line.msg === 'this process runs the expiry timer'));
    await inbox.wait(ray, /Renew before then/, 3);
    // The DM is sent, then recorded.
    const reminders = await waitFor('the reminder recorded', async () => {
      const found = dataOf<{ period: string; daysBefore: number }>(await pg.stream(subscriptionStreamId(channelId, String(ray))), 'ExpiryReminderSent');
      return found.length === 3 ? found : undefined;
    });
    expect(reminders.at(-1)).toMatchObject({ period: rayRenewedEndsAt, daysBefore: 3 });
    // Sue's new period ends an hour later: not due yet. A sweep now (joining the timer's) sends nothing more.
    expect(await sweep()).toMatchObject({ reminded: 0, revoked: 0, noticed: 0 });
    expect(inbox.matching(ray, /Renew before then/)).toHaveLength(3);
    // Weeks later the simulated Telegram, on the platform's clock too, no longer takes Ray's 24-hour renewal link.
    const late = tg.createUser({ firstName: 'Late' }).id;
    expect(tg.joinViaLink({ userId: late, inviteLink: journey.rayRenewalLink })).toEqual({ outcome: 'refused', reason: 'expired' });
  });

  it('logged no error on the way', () => {
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  });
});

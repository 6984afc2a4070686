import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelCodeForChat } from '@paygate/bot';
import { channelStreamId } from '@paygate/domain';
import { createTestDatabase, testNatsUrl, uniqueName, waitFor, type TestDatabase } from '@paygate/testkit';
import { createPostgresEventStore } from '../event-store/index.ts';
import { createPool } from '../postgres/index.ts';
import { deleteStreams } from '../relay/test-support/jetstream-contents.ts';
import { buttonsOf, createTestClock, HOUR_MS } from './test-support/journey-world.ts';
import {
  berlinWallTime,
  copiesOf,
  dataOf,
  deliveryOf,
  draftedBroadcastIds,
  occurrencesOf,
  pressOn,
  startBroadcastWorld,
  subscribeByCommand,
  type BroadcastWorld,
  type LogLine,
  type StreamReader,
} from './test-support/broadcast-world.ts';

// Broadcasts end to end: every role in one process (api serving the Telegram and NOWPayments
// sandboxes) over a fresh PostgreSQL and real NATS, the platform clock a test clock moved
// forward, the owner acting only through the bot. The scheduler looks for due broadcasts every
// second. A restart is a new PayGate on the same database, NATS stream and data dir.
const clock = createTestClock();
const stream = uniqueName('E2E_BCAST');
const lines: LogLine[] = [];
let db: TestDatabase;
let dataDir: string;
let world: BroadcastWorld;
// The test's own connection: it reads the event log and read models while no PayGate runs too.
let pool: pg.Pool;
let log: StreamReader;

const start = async (env: Record<string, string> = {}) => {
  world = await startBroadcastWorld({ db, stream, dataDir, clock, lines, env });
  return world;
};

// What the steps learn as they go (they run in order).
const s = {} as {
  owner: number;
  chat: number;
  publicChat: number;
  channelId: string;
  tierId: string;
  deepLink: string;
  /** Active subscribers: paid through the bot, then through the invoice command. */
  subscribers: number[];
  optedOut: number[];
  blocked: number;
  firstSendNowAt: number;
};

const syncCount = (query: string, values: unknown[]) => async () => Number((await pool.query<{ n: string }>(query, values)).rows[0]!.n);

/** /broadcast → audience button → the message → the preview; returns the new draft's id. */
const compose = async (audienceLabel: string, text: string): Promise<string> => {
  const { tg, inbox } = world;
  const { owner, channelId } = s;
  const before = inbox.matching(owner, /Who should get it\?/).length;
  tg.sendText({ userId: owner, text: '/broadcast' });
  const asked = inbox.matching(owner, /Send me the message/).length;
  await pressOn(world, owner, /Who should get it\?/, audienceLabel, before + 1);
  await inbox.wait(owner, /Send me the message/, asked + 1);
  const drafts = (await draftedBroadcastIds(log, channelId)).length;
  tg.sendText({ userId: owner, text });
  await inbox.wait(owner, /That was the preview/, inbox.matching(owner, /That was the preview/).length + 1);
  const ids = await draftedBroadcastIds(log, channelId);
  expect(ids).toHaveLength(drafts + 1);
  return ids.at(-1)!;
};

const controlsOf = () => world.inbox.matching(s.owner, /That was the preview/).length;

beforeAll(async () => {
  db = await createTestDatabase('e2e_bcast');
  dataDir = await mkdtemp(join(tmpdir(), 'paygate-e2e-bcast-'));
  pool = createPool(db.url, { max: 2 });
  const store = createPostgresEventStore({ pool, notifyChannel: null });
  log = { stream: (streamId) => store.readStream(streamId) };
  await start();
}, 60_000);

afterAll(async () => {
  await world?.running.stop();
  await pool?.end();
  await deleteStreams(testNatsUrl(), stream, `${stream}_DEAD`, `${stream}_REPLAY`);
  await db?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('broadcasts, end to end: owner in the Telegram sandbox → bot → broadcasts stream → scheduler → Telegram', { timeout: 60_000 }, () => {
  it('an owner links a public channel and schedules a daily post there: nothing before its time, one post after it, the next one a day later', async () => {
    const { tg, inbox, pg } = world;
    const owner = tg.createUser({ firstName: 'Olga', startedBot: true }).id;
    const chat = tg.createChannel({ ownerId: owner, title: 'Alpha signals' }).id;
    tg.promoteBot({ chatId: chat });
    const channelId = channelCodeForChat(String(chat));
    await inbox.wait(owner, /"Alpha signals" is registered/);
    await waitFor('channel projected', syncCount('SELECT count(*) AS n FROM read_model.channels WHERE channel_id = $1', [channelId]));
    tg.sendText({ userId: owner, text: '/addtier Monthly 9.99 30' });
    await inbox.wait(owner, /Tier "Monthly" added/);
    tg.sendText({ userId: owner, text: '/addtier Yearly 99 365' });
    await inbox.wait(owner, /Tier "Yearly" added/);
    const tiers = dataOf<{ tierId: string; name: string }>(await pg.stream(channelStreamId(channelId)), 'TierPriced');
    const deepLink = `https://t.me/paygate_sandbox_bot?start=${channelId}`;
    Object.assign(s, { owner, chat, channelId, tierId: tiers.find((tier) => tier.name === 'Monthly')!.tierId, deepLink, subscribers: [], optedOut: [] });

    // The public channel: the bot may post there, nothing more, so it is not taken for a paid channel.
    const publicChat = tg.createChannel({ ownerId: owner, title: 'Alpha public', username: 'alpha_public' }).id;
    s.publicChat = publicChat;
    tg.promoteBot({ chatId: publicChat, rights: { can_manage_chat: true, can_post_messages: true } });
    await inbox.wait(owner, /"Alpha public"/);
    expect(await pg.types(channelStreamId(channelCodeForChat(String(publicChat))))).toEqual([]);
    tg.sendText({ userId: owner, text: '/linkpublic @alpha_public' });
    await inbox.wait(owner, /"Alpha public" \(@alpha_public\) is now the public channel of "Alpha signals"/);
    await waitFor('public channel projected', syncCount('SELECT count(*) AS n FROM read_model.broadcast_public_channels WHERE channel_id = $1', [channelId]));

    const text = 'Fresh signals every morning. Join Alpha signals!';
    const broadcastId = await compose('To the public channel "Alpha public"', text);
    // The preview is the post as the channel will get it: the tiers' buttons to the deep link, no opt-out.
    const preview = inbox.matching(owner, /Fresh signals every morning/).at(-1)!;
    expect(buttonsOf(preview)).toEqual([{ text: 'Monthly', url: deepLink }, { text: 'Yearly', url: deepLink }]);

    // Daily, a few minutes ahead of the platform's clock, on Berlin's wall clock.
    const due = new Date(Math.floor((clock.now().getTime() + 10 * 60_000) / 60_000) * 60_000);
    const { time } = berlinWallTime(due);
    await pressOn(world, owner, /That was the preview/, 'Daily…', controlsOf());
    await inbox.wait(owner, /When\? Send the time of day/);
    tg.sendText({ userId: owner, text: `${time} Europe/Berlin` });
    const scheduled = await inbox.wait(owner, /Scheduled: daily at/);
    expect(scheduled.text).toContain(`Scheduled: daily at ${time} (Europe/Berlin).`);
    expect(scheduled.text).toContain(`Next: ${due.toISOString().slice(0, 10)} ${due.toISOString().slice(11, 16)} UTC.`);
    expect((await occurrencesOf(log, channelId, broadcastId)).scheduled).toMatchObject([{ nextAt: due.toISOString(), schedule: { kind: 'daily' } }]);

    // Several scheduler passes before its time: nothing is posted.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(tg.messages(publicChat)).toEqual([]);
    expect((await occurrencesOf(log, channelId, broadcastId)).started).toEqual([]);

    clock.set(new Date(due.getTime() + 1_000));
    const post = await waitFor('the post in the public channel', () => tg.messages(publicChat)[0], { timeoutMs: 20_000 });
    expect(post.text).toBe(text);
    expect(buttonsOf(post)).toEqual([{ text: 'Monthly', url: deepLink }, { text: 'Yearly', url: deepLink }]);
    const { completed } = await waitFor('the occurrence completed', async () => {
      const found = await occurrencesOf(log, channelId, broadcastId);
      return found.completed.length > 0 ? found : undefined;
    });
    expect(completed).toEqual([{ ...completed[0], occurrence: due.toISOString(), sent: 1, failed: 0, blocked: 0 }]);
    const delivery = await deliveryOf(log, broadcastId, due.toISOString());
    expect(delivery.recipients).toEqual([String(publicChat)]);
    expect(delivery.sent).toMatchObject([{ chatId: String(publicChat), messageId: post.messageId }]);
    expect(delivery.failed).toEqual([]);

    // The next occurrence: the same Berlin wall time on the next day.
    const row = await waitFor('the next occurrence projected', async () => {
      const { rows } = await pool.query<{ next_at: Date; status: string; occurrences: number }>(
        'SELECT next_at, status, occurrences FROM read_model.broadcast_schedules WHERE channel_id = $1 AND broadcast_id = $2',
        [channelId, broadcastId],
      );
      return rows[0]?.occurrences === 1 ? rows[0] : undefined;
    });
    expect(row.status).toBe('scheduled');
    expect(berlinWallTime(row.next_at)).toEqual(berlinWallTime(new Date(due.getTime() + 24 * HOUR_MS)));
    expect(row.next_at.getTime() - due.getTime()).toBeGreaterThanOrEqual(23 * HOUR_MS); // a DST change makes a day 23 or 25 hours

    // More passes after it: still the one post.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(tg.messages(publicChat)).toHaveLength(1);
  });

  it('a broadcast to the subscribers: each reachable one gets it once, not the one who opted out, and the one who blocked the bot is recorded blocked and not retried; the owner sees the final counts', async () => {
    const { tg, inbox, pg } = world;
    const { owner, channelId, deepLink } = s;
    // 110 subscribers pay without the bot's conversation, to be quick: the invoice command the
    // plan button calls, paid in the NOWPayments sandbox. Enough that the last step's broadcast
    // outlasts what one process has in flight (chunks of 25, four at a time).
    const viaCommand = await subscribeByCommand(world, { channelId, tierId: s.tierId, count: 110, firstName: 'Reader' });
    // Three subscribe through the bot's conversation (deep link → plan → pay button) and pay in the sandbox.
    const viaBot = ['Sue', 'Ray', 'Ben'].map((firstName) => tg.createUser({ firstName }).id);
    for (const user of viaBot) {
      tg.sendText({ userId: user, text: `/start ${channelId}` });
      await pressOn(world, user, /./, 'Monthly — 9.99 USD for 30 days');
      const invoice = await inbox.wait(user, /Invoice inv_/);
      await pg.pay(/Invoice (inv_[0-9a-f]{24})/.exec(invoice.text)![1]!);
      await inbox.wait(user, /is active/);
    }
    await waitFor('113 active subscriptions', async () => (await syncCount("SELECT count(*) AS n FROM read_model.subscriptions WHERE channel_id = $1 AND status = 'active'", [channelId])()) === 113);
    const [sue, ray, ben] = viaBot as [number, number, number];
    s.subscribers = [...viaBot, ...viaCommand];

    // Ray stops the channel's broadcasts with /optout (his only subscription: no code needed).
    tg.sendText({ userId: ray, text: '/optout' });
    await inbox.wait(ray, /You will not get messages from "Alpha signals" any more/);
    await waitFor('the opt-out projected', async () => (await syncCount('SELECT count(*) AS n FROM read_model.broadcast_opt_outs WHERE channel_id = $1', [channelId])()) === 1);
    s.optedOut = [ray];

    const text = 'Tonight 20:00 UTC: live Q&A for subscribers.';
    const broadcastId = await compose('To my subscribers', text);
    // Telegram answers slowly for a moment, so Ben's block lands after the recipients are frozen
    // and before his copy goes out. (A block the bot hears of earlier leaves him out of the audience; the last step shows that.)
    tg.faults.delay('sendMessage', 1_500);
    await pressOn(world, owner, /That was the preview/, 'Send now', controlsOf());
    s.firstSendNowAt = clock.now().getTime();
    const [started] = await waitFor('the occurrence started', async () => {
      const found = (await occurrencesOf(log, channelId, broadcastId)).started;
      return found.length > 0 ? found : undefined;
    });
    tg.blockBot(ben);
    tg.faults.delay('sendMessage', 0);
    await inbox.wait(owner, /Sending to your active subscribers of "Alpha signals" now/);
    const { completed } = await waitFor('the occurrence completed', async () => {
      const found = await occurrencesOf(log, channelId, broadcastId);
      return found.completed.length > 0 ? found : undefined;
    }, { timeoutMs: 20_000 });
    const occurrence = started!.occurrence;
    expect(started!.recipients).toBe(112);
    expect(completed).toMatchObject([{ occurrence, sent: 111, failed: 1, blocked: 1 }]);

    const reachable = s.subscribers.filter((user) => user !== ray && user !== ben);
    for (const user of reachable) {
      const copies = copiesOf(tg, user, text);
      expect(copies, `user ${user}`).toHaveLength(1);
      expect(buttonsOf(copies[0]!)).toEqual([
        { text: 'Monthly', url: deepLink },
        { text: 'Yearly', url: deepLink },
        { text: 'Stop messages from this channel', callback_data: `o:${channelId}` },
      ]);
    }
    expect(copiesOf(tg, ray, text)).toEqual([]);
    expect(copiesOf(tg, ben, text)).toEqual([]);

    const delivery = await deliveryOf(log, broadcastId, occurrence);
    expect([...delivery.recipients].sort()).toEqual(s.subscribers.filter((user) => user !== ray).map(String).sort());
    expect(delivery.sent.map((sent) => sent.chatId).sort()).toEqual(reachable.map(String).sort());
    expect(delivery.failed).toEqual([{ ...delivery.failed[0], chatId: String(ben), reason: 'blocked', permanent: true }]);
    // One attempt at Ben: a 403 is not retried.
    expect(tg.calls('sendMessage').filter((call) => String(call.params.chat_id) === String(ben) && String(call.params.text).startsWith('Tonight 20:00 UTC'))).toHaveLength(1);
    // The bot now knows Ben blocked it.
    await waitFor('Ben marked blocked', async () => (await syncCount('SELECT count(*) AS n FROM paygate_bot_blocked_chats WHERE chat_id = $1', [String(ben)])()) === 1);

    // The owner's progress message ends with the final counts.
    await inbox.wait(owner, /✅ Broadcast sent: Alpha signals\n112 \/ 112 done · 111 sent · 1 failed \(1 blocked the bot\)/);

    // Sue stops them with the button under the broadcast.
    const [copy] = copiesOf(tg, sue, text);
    tg.pressButton({ userId: sue, messageId: copy!.messageId, data: `o:${channelId}` });
    await inbox.wait(sue, /You will not get messages from "Alpha signals" any more/);
    s.optedOut.push(sue);
    await waitFor('the second opt-out projected', async () => (await syncCount('SELECT count(*) AS n FROM read_model.broadcast_opt_outs WHERE channel_id = $1', [channelId])()) === 2);
  });

  it('a second "Send now" within the cooldown is answered with when it is possible again, and sends nothing', async () => {
    const { tg, inbox } = world;
    const { owner, channelId } = s;
    const text = 'One more thing!';
    const broadcastId = await compose('To my subscribers', text);
    await pressOn(world, owner, /That was the preview/, 'Send now', controlsOf());
    const refusal = await inbox.wait(owner, /"Send now" is possible again at/);
    const availableAt = /possible again at (\d{4}-\d\d-\d\d \d\d:\d\d) UTC \(in (\d+) min\)/.exec(refusal.text);
    expect(availableAt).not.toBeNull();
    // BROADCAST_SEND_NOW_COOLDOWN_MINUTES is 60 by default, counted from the first send-now.
    const expected = new Date(s.firstSendNowAt + HOUR_MS);
    expect(Math.abs(Date.parse(`${availableAt![1]!.replace(' ', 'T')}:00Z`) - expected.getTime())).toBeLessThanOrEqual(60_000);
    expect(Number(availableAt![2])).toBeGreaterThanOrEqual(59);
    expect(Number(availableAt![2])).toBeLessThanOrEqual(60);

    // A scheduler pass later, still nothing.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const found = await occurrencesOf(log, channelId, broadcastId);
    expect(found).toMatchObject({ scheduled: [], started: [] });
    for (const user of s.subscribers) expect(copiesOf(tg, user, text)).toEqual([]);
    const { rows } = await pool.query<{ status: string }>('SELECT status FROM read_model.broadcast_schedules WHERE broadcast_id = $1', [broadcastId]);
    expect(rows).toEqual([{ status: 'draft' }]);
  });

  it('PayGate restarts in the middle of a broadcast: in the end every recipient has it exactly once, none twice, none missed, and the occurrence completes', async () => {
    const { channelId, owner } = s;
    const [, , ben] = s.subscribers as [number, number, number];
    const audience = s.subscribers.filter((user) => user !== ben && !s.optedOut.includes(user));

    // The next start sends at 20 messages a second, past the send-now cooldown.
    await world.running.stop();
    clock.set(new Date(s.firstSendNowAt + HOUR_MS + 60_000));
    await start({ TELEGRAM_MESSAGES_PER_SECOND: '20' });
    const text = 'Weekly report: all targets hit.';
    const broadcastId = await compose('To my subscribers', text);
    await pressOn(world, owner, /That was the preview/, 'Send now', controlsOf());
    const received = () => audience.filter((user) => copiesOf(world.tg, user, text).length > 0).length;
    await waitFor('a part of the broadcast sent', () => received() >= 20, { timeoutMs: 20_000, intervalMs: 10 });
    await world.running.stop();

    const [started] = (await occurrencesOf(log, channelId, broadcastId)).started;
    const { occurrence } = started!;
    expect(started!.recipients).toBe(audience.length);
    const part = await deliveryOf(log, broadcastId, occurrence);
    expect(part.sent.length).toBeGreaterThan(0);
    expect(part.sent.length).toBeLessThan(audience.length);
    expect((await occurrencesOf(log, channelId, broadcastId)).completed).toEqual([]);
    // A clean stop leaves no chat claimed without an outcome: what was in flight was sent and recorded.
    expect(part.failed).toEqual([]);
    expect(new Set(part.claimed)).toEqual(new Set(part.sent.map((sent) => sent.chatId)));

    await start();
    const { completed } = await waitFor('the occurrence completed after the restart', async () => {
      const found = await occurrencesOf(log, channelId, broadcastId);
      return found.completed.length > 0 ? found : undefined;
    }, { timeoutMs: 30_000 });
    expect(completed).toMatchObject([{ occurrence, sent: audience.length, failed: 0, blocked: 0 }]);
    const delivery = await deliveryOf(log, broadcastId, occurrence);
    expect([...delivery.recipients].sort()).toEqual(audience.map(String).sort());
    expect(delivery.failed).toEqual([]);
    expect(delivery.sent.map((sent) => sent.chatId).sort()).toEqual(audience.map(String).sort());
    expect(delivery.sent.length - part.sent.length).toBeGreaterThan(0); // the new process sent the rest
    // The simulated Telegram kept its world across both restarts: each recipient has exactly one copy.
    for (const user of audience) expect(copiesOf(world.tg, user, text), `user ${user}`).toHaveLength(1);
    for (const user of [ben, ...s.optedOut]) expect(copiesOf(world.tg, user, text)).toEqual([]);
    await world.inbox.wait(owner, new RegExp(`✅ Broadcast sent: Alpha signals\\n${audience.length} / ${audience.length} done · ${audience.length} sent · 0 failed`));
  });

  it('logged no error on the way', () => {
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  });
});

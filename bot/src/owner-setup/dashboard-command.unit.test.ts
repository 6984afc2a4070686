import { describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { createPayGateBot, type BotDeps } from '../create-bot.ts';
import type { BotChannel, DashboardLinkPort } from '../deps.ts';
import { BOT_MENU_COMMANDS, botText } from '../messages/index.ts';

// /dashboard through the whole bot: updates go in by handleUpdate, and a transformer answers the
// Bot API in place of Telegram and keeps what the bot sent (with its options).

const OWNER = 501;
const NEWCOMER = 502;
const NOW = new Date('2026-03-01T10:00:00.000Z');
const ALPHA: BotChannel = { channelId: 'c1alpha', chatId: '-1001', ownerId: String(OWNER), title: 'Alpha', tiers: [] };

const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const botInfo = { id: 1, is_bot: true, first_name: 'PayGate', username: 'paygate_test_bot' } as never;

/** A link port that remembers whom it issued links for; each link names its owner and a counter. */
const linkPort = () => {
  const issued: string[] = [];
  const port: DashboardLinkPort = {
    issueDashboardLink: async (ownerId) => {
      issued.push(ownerId);
      return { url: `https://paygate.example/dashboard/login?token=t${issued.length}-${ownerId}`, expiresAt: '2026-03-01T10:05:00.000Z' };
    },
  };
  return { port, issued };
};

const startBot = (options: { dashboard?: DashboardLinkPort; ownerActionsPerMinute?: number } = {}) => {
  const deps = {
    channels: {},
    invoices: {},
    queries: { channel: async () => undefined, channelsOwnedBy: async (ownerId: string) => [ALPHA].filter((channel) => channel.ownerId === ownerId) },
    ledger: {},
    clock: () => NOW,
    logger,
    ...(options.dashboard ? { dashboard: options.dashboard } : {}),
  } as unknown as BotDeps;
  const rateLimits = options.ownerActionsPerMinute === undefined ? {} : { ownerActions: { limit: options.ownerActionsPerMinute, windowMs: 60_000 } };
  const { bot } = createPayGateBot(deps, { token: '1:x', botInfo, rateLimits });
  const sent: { chatId: number; text: string; previewDisabled: boolean }[] = [];
  bot.api.config.use(async (_prev, method, payload) => {
    const call = payload as { chat_id?: number; text?: string; link_preview_options?: { is_disabled?: boolean } };
    if (method === 'sendMessage') {
      sent.push({ chatId: call.chat_id!, text: call.text!, previewDisabled: call.link_preview_options?.is_disabled === true });
      return { ok: true, result: { message_id: sent.length, date: 0, chat: { id: call.chat_id, type: 'private' }, text: call.text } } as never;
    }
    return { ok: true, result: true } as never;
  });
  let updateId = 0;
  const say = async (userId: number, text: string, chatType: 'private' | 'group' = 'private') => {
    const before = sent.length;
    const from = { id: userId, is_bot: false, first_name: 'User', language_code: 'en' };
    const chat = chatType === 'private' ? { id: userId, type: 'private' as const, first_name: 'User' } : { id: -42, type: 'group' as const, title: 'Group' };
    const update: Update = { update_id: ++updateId, message: { message_id: updateId, date: 0, chat, from, text, entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] } };
    await bot.handleUpdate(update);
    return sent.slice(before);
  };
  return { say };
};

describe('/dashboard', () => {
  it('DMs the owner a one-time login link that expires in 5 minutes, without a link preview', async () => {
    const { port, issued } = linkPort();
    const [answer, ...more] = await startBot({ dashboard: port }).say(OWNER, '/dashboard');
    expect(more).toEqual([]);
    expect(answer).toMatchObject({ chatId: OWNER, previewDisabled: true });
    expect(answer!.text).toContain('https://paygate.example/dashboard/login?token=t1-501');
    expect(answer!.text).toContain('works once and expires in 5 minutes (at 2026-03-01 10:05 UTC)');
    expect(answer!.text).not.toContain('no registered channels');
    expect(issued).toEqual([String(OWNER)]);
  });

  it('someone without a channel gets a link too, and is told the dashboard will be empty', async () => {
    const { port, issued } = linkPort();
    const [answer] = await startBot({ dashboard: port }).say(NEWCOMER, '/dashboard');
    expect(answer!.text).toContain('dashboard/login?token=t1-502');
    expect(answer!.text).toContain('You have no registered channels yet, so the dashboard is empty.');
    expect(issued).toEqual([String(NEWCOMER)]);
  });

  it('every /dashboard is a new link; the owner rate limit applies', async () => {
    const { port, issued } = linkPort();
    const bot = startBot({ dashboard: port, ownerActionsPerMinute: 2 });
    expect((await bot.say(OWNER, '/dashboard'))[0]!.text).toContain('token=t1-');
    expect((await bot.say(OWNER, '/dashboard'))[0]!.text).toContain('token=t2-');
    expect((await bot.say(OWNER, '/dashboard'))[0]!.text).toContain('That was a lot at once');
    expect(issued).toHaveLength(2);
  });

  it('is not answered in a group (a login link never lands in a shared chat)', async () => {
    const { port, issued } = linkPort();
    expect(await startBot({ dashboard: port }).say(OWNER, '/dashboard', 'group')).toEqual([]);
    expect(issued).toEqual([]);
  });

  it('without the dashboard wired, says it is not available', async () => {
    const [answer] = await startBot().say(OWNER, '/dashboard');
    expect(answer!.text).toBe('The web dashboard is not available on this PayGate.');
  });

  it('is in the command menu and in /help', () => {
    expect(BOT_MENU_COMMANDS).toContain('dashboard');
    expect(botText('en', 'commandDescription', { command: 'dashboard' })).toBe('Log in to the web dashboard (owners)');
    expect(botText('en', 'help', { ownsSeveralChannels: false })).toContain('/dashboard — a one-time link to the web dashboard');
  });
});

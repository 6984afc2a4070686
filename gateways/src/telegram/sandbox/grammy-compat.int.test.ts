/**
 * grammY against the simulator: the bot framework PayGate uses must see the same wire as on
 * api.telegram.org — getMe on init, long polling with allowed_updates, commands with deep-link
 * payloads, callback queries, chat_member and chat_join_request updates, GrammyError shapes,
 * and webhooks through grammY's own webhookCallback with the secret header.
 * grammY is a dependency of @paygate/bot, not of gateways: the test is skipped (saying why)
 * when it cannot be loaded.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramSandbox, type TelegramSandbox } from './sandbox.ts';

type GrammyContext = {
  match: string;
  from?: { id: number };
  chatMember?: { new_chat_member: { status: string; user: { id: number } }; invite_link?: { name?: string } };
  chatJoinRequest?: { from: { id: number } };
  reply(text: string, other?: Record<string, unknown>): Promise<{ message_id: number }>;
  answerCallbackQuery(other?: Record<string, unknown>): Promise<true>;
  editMessageText(text: string): Promise<unknown>;
  approveChatJoinRequest(userId: number): Promise<true>;
  callbackQuery?: { data?: string };
};
type GrammyBot = {
  botInfo: { id: number; username: string };
  api: {
    sendMessage(chatId: number, text: string): Promise<{ message_id: number }>;
    createChatInviteLink(chatId: number, other?: Record<string, unknown>): Promise<{ invite_link: string }>;
    setWebhook(url: string, other?: Record<string, unknown>): Promise<true>;
    deleteWebhook(): Promise<true>;
  };
  init(): Promise<void>;
  command(name: string, handler: (ctx: GrammyContext) => unknown): void;
  on(filter: string, handler: (ctx: GrammyContext) => unknown): void;
  start(options: { allowed_updates?: string[]; onStart?: () => void }): Promise<void>;
  stop(): Promise<void>;
};
type Grammy = {
  Bot: new (token: string, config: { client: { apiRoot: string } }) => GrammyBot;
  GrammyError: new (...args: never[]) => Error & { error_code: number; description: string; parameters: { retry_after?: number } };
  InlineKeyboard: new () => { text(label: string, data: string): unknown };
  webhookCallback(bot: GrammyBot, adapter: 'hono', options: { secretToken: string }): (c: unknown) => Promise<Response>;
};

const specifier = 'grammy';
const grammy = (await import(specifier).catch((error: unknown) => {
  console.log(`grammY compatibility tests skipped: cannot load grammy (${error instanceof Error ? error.message : String(error)})`);
  return undefined;
})) as Grammy | undefined;

const TOKEN = '7300000004:grammy-compat';
let sandbox: TelegramSandbox;
let url = '';
let close: () => Promise<void> = async () => {};

const waitFor = async (what: string, probe: () => boolean) => {
  for (let i = 0; i < 300 && !probe(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!probe()) throw new Error(`timed out waiting for ${what}`);
};

describe.skipIf(grammy === undefined)('grammY against the simulator', () => {
  beforeAll(async () => {
    sandbox = createTelegramSandbox({ token: TOKEN, botUsername: 'paygate_grammy_bot' });
    ({ url, close } = await sandbox.listen(0));
  });
  afterAll(() => close());

  it('runs a long-polling bot: deep link, inline button, invite link, join request and member updates', async () => {
    const { Bot, InlineKeyboard } = grammy!;
    const bot = new Bot(TOKEN, { client: { apiRoot: url } });
    await bot.init();
    expect(bot.botInfo).toMatchObject({ id: sandbox.botId, username: 'paygate_grammy_bot' });

    const seen: string[] = [];
    bot.command('start', (ctx) => ctx.reply(`offer for ${ctx.match}`, { reply_markup: new InlineKeyboard().text('Buy 30 days', 'buy:30') }));
    bot.on('callback_query:data', async (ctx) => {
      seen.push(`button ${ctx.callbackQuery?.data}`);
      await ctx.answerCallbackQuery({ text: 'invoice created' });
      await ctx.editMessageText('pay here');
    });
    bot.on('chat_join_request', async (ctx) => {
      seen.push(`request ${ctx.chatJoinRequest?.from.id}`);
      await ctx.approveChatJoinRequest(ctx.chatJoinRequest!.from.id);
    });
    bot.on('chat_member', (ctx) => {
      const m = ctx.chatMember!;
      seen.push(`member ${m.new_chat_member.user.id} ${m.new_chat_member.status} via ${m.invite_link?.name ?? '-'}`);
    });

    let started = false;
    const running = bot.start({
      allowed_updates: ['message', 'callback_query', 'my_chat_member', 'chat_member', 'chat_join_request'],
      onStart: () => (started = true),
    });
    try {
      await waitFor('the bot to start', () => started);
      const c = sandbox.control;
      const owner = c.createUser({ firstName: 'Owner' });
      const sub = c.createUser({ firstName: 'Sub' });
      const channel = c.createChannel({ ownerId: owner.id, title: 'Paid' });
      c.promoteBot({ chatId: channel.id });

      c.sendText({ userId: sub.id, text: '/start ch_77' });
      await waitFor('the offer', () => c.botMessages(sub.id).length === 1);
      const offer = c.botMessages(sub.id)[0]!;
      expect(offer).toMatchObject({ text: 'offer for ch_77', replyMarkup: { inline_keyboard: [[{ text: 'Buy 30 days', callback_data: 'buy:30' }]] } });

      c.pressButton({ userId: sub.id, messageId: offer.messageId, data: 'buy:30' });
      await waitFor('the edit', () => offer.text === 'pay here');
      expect(c.callbackAnswers().at(-1)).toMatchObject({ text: 'invoice created' });

      const link = await bot.api.createChatInviteLink(channel.id, { name: 'one seat', member_limit: 1 });
      c.joinViaLink({ userId: sub.id, inviteLink: link.invite_link });
      const approval = await bot.api.createChatInviteLink(channel.id, { name: 'approval', creates_join_request: true });
      const other = c.createUser({ firstName: 'Other' });
      c.joinViaLink({ userId: other.id, inviteLink: approval.invite_link });
      await waitFor('the approval', () => c.member(channel.id, other.id).status === 'member');
      await waitFor('the member updates', () => seen.length === 4);
      expect(seen).toEqual([
        'button buy:30',
        `member ${sub.id} member via one seat`,
        `request ${other.id}`,
        `member ${other.id} member via approval`,
      ]);
    } finally {
      await bot.stop();
      await running;
    }
    // stop() confirmed everything it handled.
    expect(sandbox.control.pendingUpdates()).toEqual([]);
  });

  it('surfaces Bot API refusals as GrammyError with error_code, description and retry_after', async () => {
    const { Bot, GrammyError } = grammy!;
    const bot = new Bot(TOKEN, { client: { apiRoot: url } });
    const user = sandbox.control.createUser({ firstName: 'Blocker', startedBot: true });
    sandbox.control.blockBot(user.id);
    const blocked = await bot.api.sendMessage(user.id, 'x').catch((error: unknown) => error);
    expect(blocked).toBeInstanceOf(GrammyError);
    expect(blocked).toMatchObject({ error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    sandbox.control.unblockBot(user.id);
    sandbox.control.faults.rateLimit('sendMessage', { retryAfter: 9 });
    const limited = await bot.api.sendMessage(user.id, 'x').catch((error: unknown) => error);
    expect(limited).toMatchObject({ error_code: 429, parameters: { retry_after: 9 } });
  });

  it('delivers webhooks to grammY webhookCallback with the secret token', async () => {
    const { Bot, webhookCallback } = grammy!;
    const bot = new Bot(TOKEN, { client: { apiRoot: url } });
    await bot.init();
    bot.command('help', (ctx) => ctx.reply('help text'));
    const hook = new Hono();
    hook.post('/tg', webhookCallback(bot, 'hono', { secretToken: 'hook_secret' }) as never);
    let hookUrl = '';
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: hook.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
        hookUrl = `http://127.0.0.1:${info.port}/tg`;
        resolve(s);
      });
    });
    try {
      await bot.api.setWebhook(hookUrl, { secret_token: 'hook_secret' });
      const user = sandbox.control.createUser({ firstName: 'Hooked' });
      sandbox.control.sendText({ userId: user.id, text: '/help' });
      await waitFor('the webhook reply', () => sandbox.control.botMessages(user.id).length === 1);
      expect(sandbox.control.botMessages(user.id)[0]?.text).toBe('help text');
      expect(sandbox.webhookDeliveries.at(-1)?.httpStatus).toBe(200);
    } finally {
      await bot.api.deleteWebhook();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

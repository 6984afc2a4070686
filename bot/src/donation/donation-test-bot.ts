import type { Update } from 'grammy/types';
import type { Money } from '@paygate/domain';
import { createPayGateBot, type BotDeps } from '../create-bot.ts';
import { createMemoryPendingInputs } from '../conversation/index.ts';
import type { BotChannel, BotDonationSettings, BroadcastPort, DonationPort } from '../deps.ts';

// Test support: the whole bot with updates in by handleUpdate, and a transformer keeping a small
// Telegram (chats with their messages, pins, a deletion by the owner) in place of the Bot API.

export const OWNER = 501;
export const DONOR = 601;
export const STRANGER = 701;
export const ALPHA: BotChannel = { channelId: 'c1alpha', chatId: '-1001', ownerId: String(OWNER), title: 'Alpha', tiers: [] };
export const PUBLIC_CHAT = '-2002';

type Button = { text: string; url?: string; callback_data?: string };
export type ChatMessage = { messageId: number; text: string; buttons: Button[]; pinned: boolean };
type Invoice = Parameters<DonationPort['createDonationInvoice']>[0];

/** Donation settings and invoices in memory, as helper A's commands keep them in streams. */
export const memoryDonations = () => {
  const settings = new Map<string, BotDonationSettings>();
  const invoices = new Map<string, Invoice>();
  const configured: Parameters<DonationPort['configureDonations']>[0][] = [];
  const port: DonationPort = {
    async createDonationInvoice(input) {
      if (!invoices.has(input.invoiceId)) invoices.set(input.invoiceId, input);
      const kept = invoices.get(input.invoiceId)!;
      return { invoiceId: kept.invoiceId, invoiceUrl: `https://nowpayments.test/invoice/${kept.invoiceId}`, amount: kept.amount };
    },
    donationSettings: async (channelId) => settings.get(channelId),
    async configureDonations({ channelId, presets, postInPublic, enabled, ...rest }) {
      configured.push({ channelId, presets, postInPublic, ...(enabled === undefined ? {} : { enabled }), ...rest });
      const messages = settings.get(channelId)?.messages ?? [];
      settings.set(channelId, { presets, postInPublic, enabled: enabled ?? true, messages });
      return { events: [{ type: 'DonationsConfigured', data: { channelId } }] };
    },
    async recordDonationMessage({ channelId, chatId, messageId }) {
      const current = settings.get(channelId)!;
      settings.set(channelId, { ...current, messages: [...current.messages.filter((m) => m.chatId !== chatId), { chatId, messageId }] });
      return { events: [{ type: 'DonationMessagePosted', data: { chatId, messageId } }] };
    },
  };
  return { port, settings, invoices, configured };
};

export const usd = (cents: bigint): Money => ({ amount: cents, currency: 'USD', decimals: 2 });

export const startDonationBot = (options: { donations: DonationPort; publicChat?: boolean }) => {
  let now = new Date('2026-03-01T10:00:00.000Z');
  const broadcasts = { publicChannelOf: async () => (options.publicChat ? { chatId: PUBLIC_CHAT, title: 'Alpha News' } : undefined) } as unknown as BroadcastPort;
  const deps = {
    channels: {},
    invoices: {},
    queries: {
      channel: async (channelId: string) => (channelId === ALPHA.channelId ? ALPHA : undefined),
      channelsOwnedBy: async (ownerId: string) => [ALPHA].filter((channel) => channel.ownerId === ownerId),
    },
    ledger: {},
    clock: () => now,
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    donations: options.donations,
    broadcasts,
    pendingInputs: createMemoryPendingInputs(),
  } as unknown as BotDeps;
  const botInfo = { id: 1, is_bot: true, first_name: 'PayGate', username: 'paygate_test_bot' } as never;
  const { bot } = createPayGateBot(deps, { token: '1:x', botInfo });
  const chats = new Map<string, ChatMessage[]>();
  let lastMessageId = 0;
  const calls: { method: string; payload: Record<string, unknown> }[] = [];
  const chat = (id: unknown) => chats.get(String(id)) ?? (chats.set(String(id), []), chats.get(String(id))!);
  const buttonsOf = (markup: unknown) => ((markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat();
  const refuse = (description: string) => ({ ok: false, error_code: 400, description: `Bad Request: ${description}` }) as never;
  bot.api.config.use(async (_prev, method, payload) => {
    const call = payload as Record<string, unknown> & { chat_id?: number | string; message_id?: number; text?: string };
    calls.push({ method, payload: call });
    if (method === 'getChatAdministrators') return { ok: true, result: [{ status: 'creator', user: { id: OWNER, is_bot: false, first_name: 'Olga' } }] } as never;
    if (method === 'sendMessage') {
      const messages = chat(call.chat_id);
      const messageId = ++lastMessageId;
      messages.push({ messageId, text: call.text!, buttons: buttonsOf(call.reply_markup), pinned: false });
      return { ok: true, result: { message_id: messageId, date: 0, chat: { id: Number(call.chat_id), type: 'private' }, text: call.text } } as never;
    }
    if (method === 'editMessageText' || method === 'pinChatMessage') {
      const message = chat(call.chat_id).find((m) => m.messageId === call.message_id);
      if (!message) return refuse(method === 'pinChatMessage' ? 'message to pin not found' : 'message to edit not found');
      if (method === 'pinChatMessage') message.pinned = true;
      else {
        const buttons = buttonsOf(call.reply_markup);
        if (message.text === call.text && JSON.stringify(message.buttons) === JSON.stringify(buttons)) return refuse('message is not modified');
        Object.assign(message, { text: call.text!, buttons });
      }
      return { ok: true, result: true } as never;
    }
    return { ok: true, result: true } as never;
  });

  let updateId = 0;
  const from = (userId: number) => ({ id: userId, is_bot: false, first_name: userId === DONOR ? 'Dana' : 'User', ...(userId === DONOR ? { last_name: 'Doe' } : {}), language_code: 'en' });
  const privateChat = (userId: number) => ({ id: userId, type: 'private' as const, first_name: 'User' });
  /** The user writes privately (a command when it starts with "/"). */
  const say = async (userId: number, text: string) => {
    const entities = text.startsWith('/') ? [{ type: 'bot_command' as const, offset: 0, length: text.split(' ')[0]!.length }] : [];
    const update: Update = { update_id: ++updateId, message: { message_id: 1000 + updateId, date: 0, chat: privateChat(userId), from: from(userId), text, entities } };
    await bot.handleUpdate(update);
  };
  /** The user presses the button labelled `text` on the bot's message `messageId` in their chat. */
  const press = async (userId: number, messageId: number, text: string) => {
    const message = chat(userId).find((m) => m.messageId === messageId);
    const button = message?.buttons.find((b) => b.text === text);
    if (!button?.callback_data) throw new Error(`no button "${text}" on message ${messageId}`);
    const update: Update = {
      update_id: ++updateId,
      callback_query: {
        id: `q${updateId}`,
        from: from(userId),
        chat_instance: 'ci',
        data: button.callback_data,
        message: { message_id: messageId, date: 0, chat: privateChat(userId), text: message!.text },
      },
    };
    await bot.handleUpdate(update);
  };
  return {
    say,
    press,
    messages: (chatId: number | string) => chat(chatId),
    last: (chatId: number | string) => chat(chatId).at(-1)!,
    /** The owner deletes a message in the channel. */
    remove: (chatId: string, messageId: number) => chats.set(chatId, chat(chatId).filter((m) => m.messageId !== messageId)),
    calls: (method: string) => calls.filter((c) => c.method === method).map((c) => c.payload),
    advance: (ms: number) => void (now = new Date(now.getTime() + ms)),
  };
};

import type { Update, MessageEntity, PhotoSize } from 'grammy/types';
import { parseMoney } from '@paygate/domain';
import { createPayGateBot, type BotDeps } from '../../create-bot.ts';
import type { BotChannel } from '../../deps.ts';
import { createMemoryPendingInputs } from '../../conversation/index.ts';
import { memoryBroadcasts } from './memory-broadcasts.ts';

// The whole bot for broadcast tests: updates go in by handleUpdate, and a transformer answers the
// Bot API in place of Telegram from a small world (chats, their administrators) and keeps what
// the bot sent, with its options, as Telegram would have received it.

export const BOT_ID = 1;
export const OWNER = 501;
export const STRANGER = 502;
const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const botInfo = { id: BOT_ID, is_bot: true, first_name: 'PayGate', username: 'paygate_test_bot' } as never;

export type WorldChat = { id: number; type: 'channel' | 'supergroup'; title: string; username?: string; admins: readonly { userId: number; status: 'creator' | 'administrator'; canPost?: boolean }[] };
export type Sent = { method: string; chatId: number; text?: string; photo?: string; parseMode?: string; buttons: { text: string; url?: string; data?: string }[][] };

export const ALPHA: BotChannel = {
  channelId: 'c1alpha',
  chatId: '-1001',
  ownerId: String(OWNER),
  title: 'Alpha',
  tiers: [
    { tierId: 'monthly', name: 'Monthly', price: parseMoney('9.99', 'USD'), durationDays: 30, retired: false },
    { tierId: 'old', name: 'Old', price: parseMoney('1', 'USD'), durationDays: 7, retired: true },
  ],
};

export const startBroadcastBot = (options: { chats?: readonly WorldChat[]; now?: Date; channels?: readonly BotChannel[] } = {}) => {
  let now = options.now ?? new Date('2026-03-02T10:00:00.000Z');
  const clock = () => now;
  const channels = options.channels ?? [ALPHA];
  const chats: WorldChat[] = [{ id: Number(ALPHA.chatId), type: 'channel', title: 'Alpha', admins: [{ userId: OWNER, status: 'creator' }, { userId: BOT_ID, status: 'administrator' }] }, ...(options.chats ?? [])];
  const broadcasts = memoryBroadcasts(clock);
  const registered: unknown[] = [];
  const deps = {
    channels: { registerChannel: async (input: unknown) => void registered.push(input) },
    invoices: {},
    queries: {
      channel: async (channelId: string) => channels.find((known) => known.channelId === channelId),
      channelsOwnedBy: async (ownerId: string) => channels.filter((known) => known.ownerId === ownerId),
      subscriptionsOf: async () => [{ channelId: ALPHA.channelId, channelTitle: ALPHA.title, tierId: 'monthly', endsAt: '2026-04-01T00:00:00.000Z', active: true }],
    },
    ledger: {},
    clock,
    logger,
    broadcasts: broadcasts.port,
    pendingInputs: createMemoryPendingInputs(),
  } as unknown as BotDeps;
  const { bot } = createPayGateBot(deps, { token: '1:x', botInfo });
  const sent: Sent[] = [];
  const chatOf = (ref: unknown) => chats.find((chat) => String(chat.id) === String(ref) || (chat.username !== undefined && `@${chat.username}` === ref));
  const notFound = { ok: false, error_code: 400, description: 'Bad Request: chat not found' };
  const member = (userId: number, entry: WorldChat['admins'][number] | undefined) => {
    const user = { id: userId, is_bot: userId === BOT_ID, first_name: 'U' };
    if (!entry) return { status: 'left', user };
    return entry.status === 'creator' ? { status: 'creator', user, is_anonymous: false } : { status: 'administrator', user, can_post_messages: entry.canPost ?? true, can_invite_users: true, can_restrict_members: true };
  };
  bot.api.config.use(async (_prev, method, payload) => {
    const call = payload as Record<string, unknown>;
    const chat = chatOf(call.chat_id);
    if (method === 'getChat') return (chat ? { ok: true, result: { id: chat.id, type: chat.type, title: chat.title, ...(chat.username ? { username: chat.username } : {}) } } : notFound) as never;
    if (method === 'getChatAdministrators') return (chat ? { ok: true, result: chat.admins.map((admin) => member(admin.userId, admin)) } : notFound) as never;
    if (method === 'getChatMember') return (chat ? { ok: true, result: member(Number(call.user_id), chat.admins.find((admin) => admin.userId === Number(call.user_id))) } : notFound) as never;
    if (method === 'sendMessage' || method === 'sendPhoto') {
      const markup = call.reply_markup as { inline_keyboard?: { text: string; url?: string; callback_data?: string }[][] } | undefined;
      const buttons = (markup?.inline_keyboard ?? []).map((row) => row.map(({ text, url, callback_data }) => ({ text, ...(url ? { url } : {}), ...(callback_data ? { data: callback_data } : {}) })));
      sent.push({
        method,
        chatId: Number(call.chat_id),
        ...(method === 'sendMessage' ? { text: call.text as string } : { photo: call.photo as string, text: call.caption as string }),
        ...(call.parse_mode ? { parseMode: call.parse_mode as string } : {}),
        buttons,
      });
      return { ok: true, result: { message_id: sent.length, date: 0, chat: { id: call.chat_id, type: 'private' }, text: call.text ?? '' } } as never;
    }
    return { ok: true, result: true } as never;
  });

  let updateId = 0;
  const from = (userId: number) => ({ id: userId, is_bot: false, first_name: 'User', language_code: 'en' });
  const privateChat = (userId: number) => ({ id: userId, type: 'private' as const, first_name: 'User' });
  /** Handles one update; resolves with what the bot sent meanwhile. */
  const handle = async (update: Omit<Update, 'update_id'>): Promise<Sent[]> => {
    const before = sent.length;
    await bot.handleUpdate({ update_id: ++updateId, ...update } as Update);
    return sent.slice(before);
  };
  const message = (userId: number, extra: Record<string, unknown>) => handle({ message: { message_id: ++updateId, date: 0, chat: privateChat(userId), from: from(userId), ...extra } as never });
  return {
    sent,
    broadcasts,
    registered,
    advance: (ms: number) => void (now = new Date(now.getTime() + ms)),
    say: (userId: number, text: string, entities: MessageEntity[] = []) =>
      message(userId, { text, entities: text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }, ...entities] : entities }),
    sendPhoto: (userId: number, photo: PhotoSize[], caption?: string, captionEntities: MessageEntity[] = []) =>
      message(userId, { photo, ...(caption === undefined ? {} : { caption, caption_entities: captionEntities }) }),
    press: (userId: number, data: string) =>
      handle({ callback_query: { id: String(++updateId), from: from(userId), chat_instance: 'ci', data, message: { message_id: 1, date: 0, chat: privateChat(userId) } } as never }),
    /** The bot was made an administrator of `chat` by `userId`. */
    promoted: (userId: number, chat: WorldChat) =>
      handle({
        my_chat_member: {
          chat: { id: chat.id, type: chat.type, title: chat.title, ...(chat.username ? { username: chat.username } : {}) },
          from: from(userId),
          date: 0,
          old_chat_member: { status: 'left', user: { id: BOT_ID, is_bot: true, first_name: 'PayGate' } },
          new_chat_member: { ...member(BOT_ID, { userId: BOT_ID, status: 'administrator' }), can_be_edited: false, can_manage_chat: true, can_delete_messages: true, can_manage_video_chats: false, can_promote_members: false, can_change_info: false, is_anonymous: false, can_post_stories: false, can_edit_stories: false, can_delete_stories: false },
        } as never,
      }),
  };
};

/** The callback data of the button labelled `label` in the messages. */
export const buttonData = (messages: readonly Sent[], label: string): string => {
  const found = messages.flatMap((message) => message.buttons.flat()).find((button) => button.text === label);
  if (!found?.data) throw new Error(`no button "${label}" in ${JSON.stringify(messages.map((message) => message.buttons))}`);
  return found.data;
};

import { GrammyError, type Api } from 'grammy';
import type { BotChannel, BroadcastPort, BotQueries } from '../deps.ts';
import type { PublicLinkRefusal } from '../messages/broadcast-catalogue.ts';
import { channelOfChat } from '../owner-setup/channel-of-chat.ts';
import type { ChatAdmins } from '../owner-setup/chat-admins.ts';

export type PublicChat = { chatId: string; title: string; username?: string };

/** "@name" or a chat id as Telegram's getChat takes it; undefined when it can be neither. */
export const publicChatRef = (text: string): string | undefined => {
  if (/^-\d{1,20}$/.test(text)) return text;
  const name = text.replace(/^@/, '').replace(/^https:\/\/t\.me\//, '');
  return /^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(name) ? `@${name}` : undefined;
};

/**
 * Whether the owner may link the chat as `channel`'s public channel: it is a channel, not a
 * paid one, not linked to another channel, the owner administers it (a fresh
 * getChatAdministrators: an admin demoted a minute ago is not one), and the bot is an
 * administrator that may post there.
 */
export const checkPublicChat = async (
  input: { api: Api; admins: ChatAdmins; queries: BotQueries; broadcasts: BroadcastPort; botId: number },
  request: { ref: string; channel: BotChannel; ownerId: string },
): Promise<{ ok: true; chat: PublicChat } | { ok: false; reason: PublicLinkRefusal }> => {
  const { api, admins, queries, broadcasts, botId } = input;
  let chat: Awaited<ReturnType<Api['getChat']>>;
  try {
    chat = await api.getChat(request.ref);
  } catch (error) {
    // 400 chat not found / 403 not a member: the bot cannot see it.
    if (error instanceof GrammyError && (error.error_code === 400 || error.error_code === 403)) return { ok: false, reason: 'not_found' };
    throw error;
  }
  if (chat.type !== 'channel') return { ok: false, reason: 'not_channel' };
  const chatId = String(chat.id);
  if (chatId === request.channel.chatId) return { ok: false, reason: 'same_chat' };
  if (await channelOfChat(queries, chatId)) return { ok: false, reason: 'paid_channel' };
  const linkedTo = await broadcasts.channelLinkedTo(chatId);
  if (linkedTo !== undefined && linkedTo !== request.channel.channelId) return { ok: false, reason: 'linked_elsewhere' };
  if (!(await admins.roleOf(chatId, request.ownerId, { fresh: true }))) return { ok: false, reason: 'owner_not_admin' };
  const bot = await api.getChatMember(chatId, botId);
  if (bot.status !== 'administrator') return { ok: false, reason: 'bot_not_admin' };
  if (!bot.can_post_messages) return { ok: false, reason: 'bot_cannot_post' };
  return { ok: true, chat: { chatId, title: chat.title, ...(chat.username ? { username: chat.username } : {}) } };
};

/**
 * sendPhoto (a file_id or URL with an optional HTML caption of at most 1024 characters) and
 * pinChatMessage / unpinChatMessage with the rights they need: can_edit_messages in a channel,
 * can_pin_messages in a supergroup, none in a private chat.
 */
import { badRequest } from '../bot-api-error.ts';
import { botCan, type SandboxCore } from '../core.ts';
import { requireBotInChat, resolveChat } from '../access.ts';
import { pushCapped } from '../limits.ts';
import { chatIdParam, optionalBool, optionalInt, optionalJson, optionalString, requiredInt, type Params } from '../params.ts';
import { parseReplyMarkup } from '../reply-markup.ts';
import { messageJson } from '../wire.ts';
import { conversationOf, type SandboxMessage } from '../world.ts';
import { formatText, writableChat } from './messages.ts';
import type { MethodHandler } from './method.ts';

const MAX_CAPTION = 1024;

const sendPhoto: MethodHandler = (core, params) => {
  const { chatId, senderId } = writableChat(core, params);
  const photo = optionalString(params, 'photo');
  if (photo === undefined || photo.trim() === '') throw badRequest('there is no photo in the request');
  const caption = optionalString(params, 'caption') === undefined ? { text: '', entities: [] } : formatText(params, 'caption', MAX_CAPTION);
  const replyMarkup = parseReplyMarkup(optionalJson(params, 'reply_markup'));
  const conversation = conversationOf(core.world, chatId);
  // A URL becomes a file_id once Telegram has fetched it, as a real upload does.
  const fileId = /^https?:\/\//.test(photo) ? `AgACAgSandbox${Buffer.from(photo).toString('base64url').slice(0, 24)}` : photo;
  const message: SandboxMessage = {
    messageId: conversation.nextMessageId,
    chatId,
    fromId: senderId,
    date: core.world.now(),
    ...caption,
    photo: fileId,
    ...(replyMarkup === undefined ? {} : { replyMarkup }),
  };
  conversation.nextMessageId += 1;
  pushCapped(conversation.messages, message, core.limits.messagesPerChat);
  return messageJson(core.world, message);
};

/** The chat whose pins the bot may change, and its messages. */
const pinnableChat = (core: SandboxCore, params: Params): SandboxMessage[] => {
  const resolved = resolveChat(core, chatIdParam(params));
  if (resolved.kind === 'chat') {
    const { chat } = resolved;
    requireBotInChat(core, chat);
    const right = chat.type === 'channel' ? 'can_edit_messages' : 'can_pin_messages';
    if (!botCan(core, chat, right)) throw badRequest('not enough rights to manage pinned messages in the chat');
  }
  const chatId = resolved.kind === 'private' ? resolved.user.id : resolved.chat.id;
  return core.world.conversations.get(chatId)?.messages ?? [];
};

const pinChatMessage: MethodHandler = (core, params) => {
  const messages = pinnableChat(core, params);
  const messageId = requiredInt(params, 'message_id', 'message identifier is not specified');
  const message = messages.find((m) => m.messageId === messageId);
  if (message === undefined) throw badRequest('message to pin not found');
  optionalBool(params, 'disable_notification');
  message.pinned = true;
  return true;
};

/** Without message_id, the most recently pinned message. */
const unpinChatMessage: MethodHandler = (core, params) => {
  const messages = pinnableChat(core, params);
  const messageId = optionalInt(params, 'message_id');
  const message = messageId === undefined ? messages.findLast((m) => m.pinned === true) : messages.find((m) => m.messageId === messageId);
  if (message === undefined) throw badRequest('message to unpin not found');
  message.pinned = false;
  return true;
};

export const photoAndPinMethods: Record<string, MethodHandler> = { sendPhoto, pinChatMessage, unpinChatMessage };

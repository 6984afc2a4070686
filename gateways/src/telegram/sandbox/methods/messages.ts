/**
 * sendMessage, editMessageText, editMessageReplyMarkup and answerCallbackQuery, with the
 * refusals PayGate must survive: a user who blocked the bot or never started it (403), an
 * unknown chat, a channel where the bot may not post, unparseable HTML, an unchanged edit.
 */
import { badRequest, forbidden } from '../bot-api-error.ts';
import { botCan, type SandboxCore } from '../core.ts';
import { requireBotInChat, resolveChat } from '../access.ts';
import { parseHtml } from '../html-text.ts';
import { pushCapped } from '../limits.ts';
import { chatIdParam, optionalBool, optionalInt, optionalJson, optionalString, requiredInt, type Params } from '../params.ts';
import { parseReplyMarkup } from '../reply-markup.ts';
import { messageJson } from '../wire.ts';
import { conversationOf, sentByBot, type SandboxMessage } from '../world.ts';
import type { MethodHandler } from './method.ts';

const MAX_TEXT = 4096;

/** The bot's text after parse_mode, as the message will show it. */
export const formatText = (params: Params, field = 'text', max = MAX_TEXT) => {
  const raw = optionalString(params, field) ?? '';
  const parseMode = optionalString(params, 'parse_mode');
  if (raw.trim() === '') throw badRequest('message text is empty');
  const { text, entities } = parseMode?.toLowerCase() === 'html' ? parseHtml(raw) : { text: raw, entities: [] };
  if (text.trim() === '') throw badRequest('message text is empty');
  if (text.length > max) throw badRequest(field === 'text' ? 'message is too long' : 'message caption is too long');
  return { text, entities, ...(parseMode === undefined ? {} : { parseMode }) };
};

/** Where the bot may write, and as whom the message appears (the channel itself for channel posts). */
export const writableChat = (core: SandboxCore, params: Params): { chatId: number; senderId: number } => {
  const resolved = resolveChat(core, chatIdParam(params));
  if (resolved.kind === 'private') {
    const { user } = resolved;
    if (user.isBot) throw forbidden("bot can't send messages to bots");
    if (user.blockedBot) throw forbidden('bot was blocked by the user');
    if (!user.startedBot) throw forbidden("bot can't initiate conversation with a user");
    return { chatId: user.id, senderId: core.world.bot.id };
  }
  const { chat } = resolved;
  requireBotInChat(core, chat);
  if (chat.type === 'channel') {
    if (!botCan(core, chat, 'can_post_messages')) throw badRequest('need administrator rights in the channel chat');
    return { chatId: chat.id, senderId: chat.id };
  }
  return { chatId: chat.id, senderId: core.world.bot.id };
};

const sendMessage: MethodHandler = (core, params) => {
  const { chatId, senderId } = writableChat(core, params);
  const formatted = formatText(params);
  const replyMarkup = parseReplyMarkup(optionalJson(params, 'reply_markup'));
  const conversation = conversationOf(core.world, chatId);
  const message: SandboxMessage = {
    messageId: conversation.nextMessageId,
    chatId,
    fromId: senderId,
    date: core.world.now(),
    ...formatted,
    ...(replyMarkup === undefined ? {} : { replyMarkup }),
  };
  conversation.nextMessageId += 1;
  pushCapped(conversation.messages, message, core.limits.messagesPerChat);
  return messageJson(core.world, message);
};

const editableMessage = (core: SandboxCore, params: Params): SandboxMessage => {
  if (optionalString(params, 'inline_message_id') !== undefined) throw badRequest('MESSAGE_ID_INVALID');
  const resolved = resolveChat(core, chatIdParam(params));
  if (resolved.kind === 'chat') requireBotInChat(core, resolved.chat);
  const chatId = resolved.kind === 'private' ? resolved.user.id : resolved.chat.id;
  const messageId = requiredInt(params, 'message_id', 'message identifier is not specified');
  const message = core.world.conversations.get(chatId)?.messages.find((m) => m.messageId === messageId);
  if (message === undefined) throw badRequest('message to edit not found');
  if (!sentByBot(core.world, message)) throw badRequest("message can't be edited");
  return message;
};

const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

const applyEdit = (core: SandboxCore, message: SandboxMessage, next: Pick<SandboxMessage, 'text' | 'entities' | 'replyMarkup'>) => {
  const same =
    next.text === message.text &&
    JSON.stringify(next.entities ?? []) === JSON.stringify(message.entities ?? []) &&
    JSON.stringify(next.replyMarkup) === JSON.stringify(message.replyMarkup);
  if (same) throw badRequest(NOT_MODIFIED);
  message.text = next.text;
  message.entities = next.entities;
  message.replyMarkup = next.replyMarkup;
  message.editDate = core.world.now();
  return messageJson(core.world, message);
};

const editMessageText: MethodHandler = (core, params) => {
  const message = editableMessage(core, params);
  if (message.photo !== undefined) throw badRequest('there is no text in the message to edit');
  const { text, entities } = formatText(params);
  // As on Telegram, an edit without reply_markup drops the inline keyboard.
  return applyEdit(core, message, { text, entities, replyMarkup: parseReplyMarkup(optionalJson(params, 'reply_markup')) });
};

const editMessageReplyMarkup: MethodHandler = (core, params) => {
  const message = editableMessage(core, params);
  const replyMarkup = parseReplyMarkup(optionalJson(params, 'reply_markup'));
  return applyEdit(core, message, { text: message.text, entities: message.entities, replyMarkup });
};

const answerCallbackQuery: MethodHandler = (core, params) => {
  const queryId = optionalString(params, 'callback_query_id');
  if (queryId === undefined) throw badRequest('callback_query_id is empty');
  if (!core.world.openCallbackQueries.delete(queryId)) {
    throw badRequest('query is too old and response timeout expired or query ID is invalid');
  }
  const text = optionalString(params, 'text');
  const url = optionalString(params, 'url');
  const answer = {
    queryId,
    showAlert: optionalBool(params, 'show_alert') ?? false,
    ...(text === undefined ? {} : { text }),
    ...(url === undefined ? {} : { url }),
  };
  pushCapped(core.world.callbackAnswers, answer, core.limits.callbackAnswers);
  optionalInt(params, 'cache_time');
  return true;
};

export const messageMethods: Record<string, MethodHandler> = {
  sendMessage,
  editMessageText,
  editMessageReplyMarkup,
  answerCallbackQuery,
};

/**
 * What a simulated user does in private with the bot: write text or a /command (a `message`
 * update with bot_command entities, `/start <payload>` deep links included), press an inline
 * button under one of the bot's messages (a `callback_query`), block or unblock the bot
 * (`my_chat_member` in the private chat). Writing to a bot one blocked unblocks it, as
 * pressing "Restart" does.
 */
import { PayGateError } from '@paygate/domain';
import type { TgMessageEntity, TgUpdate } from '../../bot-api-types.ts';
import type { SandboxCore } from '../core.ts';
import { pushCapped } from '../limits.ts';
import { memberUpdatedJson, messageJson, userJson } from '../wire.ts';
import { conversationOf, isInChat, memberOf, type SandboxMessage, type SandboxUser } from '../world.ts';

export type CreateUserInput = {
  id?: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
  isBot?: boolean;
  /** Whether the user has already written to the bot (default false: the bot may not write first). */
  startedBot?: boolean;
};

export const requireSandboxUser = (core: SandboxCore, userId: number): SandboxUser => {
  const user = core.world.users.get(userId);
  if (user === undefined || user.id === core.world.bot.id) throw new PayGateError('not_found', `no sandbox user ${userId}`);
  return user;
};

export const createUser = (core: SandboxCore, input: CreateUserInput): SandboxUser => {
  const { world } = core;
  const id = input.id ?? world.nextUserId++;
  if (!Number.isSafeInteger(id) || id <= 0) throw new PayGateError('validation', 'a user id is a positive integer');
  if (world.users.has(id)) throw new PayGateError('conflict', `user ${id} exists`);
  if (input.firstName.trim() === '') throw new PayGateError('validation', 'firstName is empty');
  const user: SandboxUser = {
    id,
    firstName: input.firstName,
    isBot: input.isBot ?? false,
    startedBot: input.startedBot ?? false,
    blockedBot: false,
    ...(input.lastName === undefined ? {} : { lastName: input.lastName }),
    ...(input.username === undefined ? {} : { username: input.username }),
    ...(input.languageCode === undefined ? {} : { languageCode: input.languageCode }),
  };
  world.users.set(id, user);
  return user;
};

const COMMAND = /(^|\s)(\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?)/g;

export const commandEntities = (text: string): TgMessageEntity[] =>
  [...text.matchAll(COMMAND)].map((m) => ({ type: 'bot_command', offset: m.index + m[1]!.length, length: m[2]!.length }));

const setBlocked = (core: SandboxCore, user: SandboxUser, blocked: boolean): TgUpdate | undefined => {
  if (user.blockedBot === blocked) return undefined;
  user.blockedBot = blocked;
  if (!user.startedBot) return undefined;
  const member = { status: 'member' as const, untilDate: 0 };
  const kicked = { status: 'kicked' as const, untilDate: 0 };
  return core.queue.push(
    'my_chat_member',
    memberUpdatedJson(core.world, { chatId: user.id, by: user, user: core.world.bot, before: blocked ? member : kicked, after: blocked ? kicked : member }),
  );
};

export const blockBot = (core: SandboxCore, userId: number) => setBlocked(core, requireSandboxUser(core, userId), true);
export const unblockBot = (core: SandboxCore, userId: number) => setBlocked(core, requireSandboxUser(core, userId), false);

export const sendText = (core: SandboxCore, input: { userId: number; text: string; chatId?: number; photo?: string }): TgUpdate => {
  const user = requireSandboxUser(core, input.userId);
  if (input.text === '' && input.photo === undefined) throw new PayGateError('validation', 'text is empty');
  const chatId = input.chatId ?? user.id;
  if (chatId !== user.id) {
    const chat = core.world.chats.get(chatId);
    if (chat === undefined) throw new PayGateError('not_found', `no sandbox chat ${chatId}`);
    if (chat.type === 'channel') throw new PayGateError('validation', 'users do not write in channels; only the bot posts there');
    if (!isInChat(memberOf(core.world, chat, user.id).status)) throw new PayGateError('conflict', `user ${user.id} is not in chat ${chatId}`);
  } else {
    setBlocked(core, user, false);
    user.startedBot = true;
  }
  const conversation = conversationOf(core.world, chatId);
  const message: SandboxMessage = {
    messageId: conversation.nextMessageId,
    chatId,
    fromId: user.id,
    date: core.world.now(),
    text: input.text,
    entities: input.photo === undefined ? commandEntities(input.text) : [],
    ...(input.photo === undefined ? {} : { photo: input.photo }),
  };
  conversation.nextMessageId += 1;
  pushCapped(conversation.messages, message, core.limits.messagesPerChat);
  return core.queue.push('message', messageJson(core.world, message));
};

/** The user sends a photo (optionally captioned): the bot sees `message.photo` and `caption`, and may send the file_id back. */
export const sendPhoto = (core: SandboxCore, input: { userId: number; caption?: string; chatId?: number }): { fileId: string; update: TgUpdate } => {
  const chatId = input.chatId ?? input.userId;
  // Unique per message: the chat and the id the message is about to get.
  const fileId = `AgACAgUser${Math.abs(chatId)}m${conversationOf(core.world, chatId).nextMessageId}`;
  return { fileId, update: sendText(core, { userId: input.userId, text: input.caption ?? '', photo: fileId, ...(input.chatId === undefined ? {} : { chatId: input.chatId }) }) };
};

/** A message disappears (deleted by its chat's admin or the user): edits and pins of it then fail as on Telegram. */
export const deleteMessage = (core: SandboxCore, input: { chatId: number; messageId: number }): void => {
  const messages = core.world.conversations.get(input.chatId)?.messages;
  const at = messages?.findIndex((m) => m.messageId === input.messageId) ?? -1;
  if (at < 0) throw new PayGateError('not_found', `no message ${input.messageId} in chat ${input.chatId}`);
  messages!.splice(at, 1);
};

export const pressButton = (
  core: SandboxCore,
  input: { userId: number; messageId: number; data?: string; text?: string; chatId?: number },
): { callbackQueryId: string; update: TgUpdate } => {
  const user = requireSandboxUser(core, input.userId);
  const chatId = input.chatId ?? user.id;
  const message = core.world.conversations.get(chatId)?.messages.find((m) => m.messageId === input.messageId);
  if (message === undefined) throw new PayGateError('not_found', `no message ${input.messageId} in chat ${chatId}`);
  const buttons = message.replyMarkup?.inline_keyboard.flat() ?? [];
  const button = buttons.find(
    (b) => b.callback_data !== undefined && (input.data === undefined || b.callback_data === input.data) && (input.text === undefined || b.text === input.text),
  );
  if (button === undefined || (input.data === undefined && input.text === undefined)) {
    throw new PayGateError('validation', 'no callback button with that data/text under the message', {
      buttons: buttons.map((b) => ({ text: b.text, data: b.callback_data ?? null })),
    });
  }
  const { world } = core;
  const callbackQueryId = `${4_000_000_000_000 + world.nextCallbackQueryId++}`;
  world.openCallbackQueries.set(callbackQueryId, { userId: user.id, chatId, messageId: message.messageId });
  const update = core.queue.push('callback_query', {
    id: callbackQueryId,
    from: userJson(user),
    message: messageJson(world, message),
    chat_instance: `${(BigInt(chatId) * 7919n + 1_000_003n) % 9_000_000_000_000_000_000n}`,
    data: button.callback_data,
  });
  return { callbackQueryId, update };
};


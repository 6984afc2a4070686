/**
 * Resolving chat_id/user_id the way the Bot API does, with its refusals: an unknown or
 * never-joined chat is "chat not found", a chat the bot was removed from is 403, missing
 * administrator rights are 400 with the method's own wording.
 */
import { badRequest, forbidden } from './bot-api-error.ts';
import { botMembership, type SandboxCore } from './core.ts';
import type { SandboxChat, SandboxUser } from './world.ts';

export type ResolvedChat = { kind: 'private'; user: SandboxUser } | { kind: 'chat'; chat: SandboxChat };

const chatNotFound = () => badRequest('chat not found');

export const resolveChat = (core: SandboxCore, chatId: number | string): ResolvedChat => {
  const { world } = core;
  if (typeof chatId === 'string') {
    const name = chatId.slice(1).toLowerCase();
    const chat = [...world.chats.values()].find((c) => c.username?.toLowerCase() === name);
    if (chat === undefined) throw chatNotFound();
    return { kind: 'chat', chat };
  }
  if (chatId > 0) {
    const user = world.users.get(chatId);
    if (user === undefined || user.id === world.bot.id) throw chatNotFound();
    return { kind: 'private', user };
  }
  const chat = world.chats.get(chatId);
  if (chat === undefined || !chat.members.has(world.bot.id)) throw chatNotFound();
  return { kind: 'chat', chat };
};

/** The bot must still be in the chat: removed → 403 like api.telegram.org. */
export const requireBotInChat = (core: SandboxCore, chat: SandboxChat): void => {
  const status = botMembership(core, chat).status;
  if (status === 'kicked') throw forbidden(`bot was kicked from the ${chat.type} chat`);
  if (status === 'left') throw forbidden(`bot is not a member of the ${chat.type} chat`);
};

export const requireGroupChat = (core: SandboxCore, chatId: number | string, privateChatError: string): SandboxChat => {
  const resolved = resolveChat(core, chatId);
  if (resolved.kind === 'private') throw badRequest(privateChatError);
  requireBotInChat(core, resolved.chat);
  return resolved.chat;
};

export const requireUser = (core: SandboxCore, userId: number): SandboxUser => {
  const user = core.world.users.get(userId);
  if (user === undefined) throw badRequest('user not found');
  return user;
};

import { Composer } from 'grammy';
import type { BotContext } from './context.ts';
import type { BotChannel } from './deps.ts';
import { channelOfChat } from './owner-setup/channel-of-chat.ts';
import type { BotServices } from './services.ts';

const IN_CHAT = new Set(['member', 'administrator', 'creator']);

/**
 * Updates about people in paid channels and the bot's reach. A join request, and a member who
 * joined, go to the access manager (it approves a subscriber's own link, declines or removes
 * anyone else); the bot only finds the PayGate channel of the chat. `/start` from someone
 * recorded as having blocked the bot means they can be reached again.
 */
export const membership = (services: BotServices): Composer<BotContext> => {
  const { deps, logger } = services;
  const composer = new Composer<BotContext>();

  const channelOf = (chatId: number): Promise<BotChannel | undefined> => channelOfChat(deps.queries, String(chatId));

  composer.on('chat_join_request', async (ctx) => {
    const { access } = deps;
    const request = ctx.chatJoinRequest;
    if (!access) return;
    const channel = await channelOf(request.chat.id);
    if (!channel) return void logger.info({ chatId: request.chat.id }, 'join request in a chat that is not a registered channel; left alone');
    const link = request.invite_link;
    if (!link) return void logger.info({ channelId: channel.channelId }, 'join request without an invite link; left for the admins');
    await access.handleJoinRequest({
      channelId: channel.channelId,
      userId: String(request.from.id),
      inviteLink: link.invite_link,
      ...(link.name ? { linkName: link.name } : {}),
    });
  });

  // Passed on afterwards: owner setup watches the owner's own status changes (owner-status.ts).
  composer.on('chat_member', async (ctx, next) => {
    const { access } = deps;
    const { chat, new_chat_member: after, old_chat_member: before, invite_link: link } = ctx.chatMember;
    const joined = IN_CHAT.has(after.status) && !IN_CHAT.has(before.status);
    const channel = access && joined && !after.user.is_bot ? await channelOf(chat.id) : undefined;
    if (access && channel) {
      await access.handleMemberJoined({
        channelId: channel.channelId,
        userId: String(after.user.id),
        ...(link ? { inviteLink: link.invite_link } : {}),
        createdByBot: link?.creator.id === ctx.me.id,
      });
    }
    return next();
  });

  composer.chatType('private').command('start', async (ctx, next) => {
    await deps.blockedChats?.reachable(String(ctx.from.id)).catch((error: unknown) => logger.warn({ err: error }, 'clearing a blocked chat failed'));
    return next();
  });

  return composer;
};

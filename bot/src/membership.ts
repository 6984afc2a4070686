import { Composer } from 'grammy';
import type { BotContext } from './context.ts';
import type { BotServices } from './services.ts';

/**
 * Updates about people and the bot's reach: a join request goes to the access manager (it
 * approves a subscriber's own link and declines anyone else); `/start` from someone recorded as
 * having blocked the bot means they can be reached again.
 */
export const membership = (services: BotServices): Composer<BotContext> => {
  const { deps, clock } = services;
  const composer = new Composer<BotContext>();

  composer.on('chat_join_request', async (ctx) => {
    const request = ctx.chatJoinRequest;
    if (!deps.joinRequests) return;
    await deps.joinRequests.joinRequested({
      updateId: ctx.update.update_id,
      chatId: String(request.chat.id),
      userId: String(request.from.id),
      ...(request.invite_link ? { inviteLink: request.invite_link.invite_link } : {}),
      requestedAt: new Date(request.date * 1000 || clock().getTime()).toISOString(),
    });
  });

  composer.chatType('private').command('start', async (ctx, next) => {
    await deps.blockedChats?.reachable(String(ctx.from.id)).catch((error: unknown) => services.logger.warn({ err: error }, 'clearing a blocked chat failed'));
    return next();
  });

  return composer;
};

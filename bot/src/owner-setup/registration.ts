import { Composer } from 'grammy';
import type { ChatMember } from 'grammy/types';
import { isPayGateError } from '@paygate/domain';
import type { BotContext } from '../context.ts';
import { channelCodeForChat, shareLink } from '../links/index.ts';
import type { MissingRight } from '../messages/index.ts';
import type { BotServices } from '../services.ts';

const missingRights = (member: ChatMember): MissingRight[] => {
  if (member.status !== 'administrator') return ['invite', 'restrict'];
  return [...(member.can_invite_users ? [] : (['invite'] as const)), ...(member.can_restrict_members ? [] : (['restrict'] as const))];
};

/**
 * Owner setup starts when someone makes the bot an administrator of a channel (`my_chat_member`).
 * The person who did it registers the channel, if getChatAdministrators confirms they administer
 * it and the bot has the rights PayGate needs; otherwise they are told exactly what to grant.
 * Granting the rights later is another `my_chat_member`, which registers then. Answers go to
 * the person by DM, which fails quietly (logged) if they never started the bot.
 */
export const registration = (services: BotServices): Composer<BotContext> => {
  const { deps, logger } = services;
  const composer = new Composer<BotContext>();

  composer.on('my_chat_member', async (ctx) => {
    const { chat, from, new_chat_member: member, old_chat_member: before } = ctx.myChatMember;
    const userId = String(from.id);
    const chatId = String(chat.id);
    const title = 'title' in chat && chat.title ? chat.title : chatId;
    const dm = (text: string) =>
      ctx.api.sendMessage(from.id, text).catch((error: unknown) => logger.warn({ chatId, userId, err: error }, 'could not DM the channel admin'));

    if (chat.type === 'private') {
      // The user blocked (kicked) or restarted the bot: who can be written to is worth knowing.
      const at = services.clock().toISOString();
      if (member.status === 'kicked') await deps.blockedChats?.blocked({ chatId, reason: 'bot was blocked by the user', at });
      else if (member.status === 'member') await deps.blockedChats?.reachable(chatId);
      return;
    }
    const isAdminNow = member.status === 'administrator';
    if (chat.type !== 'channel') {
      if (isAdminNow && !from.is_bot) await dm(ctx.t('notAChannel', { chatTitle: title }));
      return;
    }
    const channelId = channelCodeForChat(chatId);
    if (!isAdminNow) {
      // Removed or demoted: the registration stays, but nobody can join until the bot is back.
      const registered = before.status === 'administrator' ? await deps.queries.channel(channelId) : undefined;
      if (registered) {
        logger.warn({ channelId, chatId, status: member.status }, 'bot lost its admin rights in a registered channel');
        await ctx.api.sendMessage(registered.ownerId, ctx.t('botRemoved', { channelTitle: registered.title })).catch(() => undefined);
      }
      return;
    }
    if (from.is_bot) return;
    const limit = services.limits.ownerActions.take(userId);
    if (!limit.allowed) return void logger.warn({ chatId, userId }, 'owner action rate-limited: channel registration skipped');

    if (!(await services.admins.isAdmin(chatId, userId, { fresh: true }))) {
      await dm(ctx.t('notChatAdmin', { channelTitle: title }));
      return;
    }
    const missing = missingRights(member);
    if (missing.length > 0) {
      await dm(ctx.t('missingRights', { channelTitle: title, missing }));
      return;
    }
    const link = shareLink(services.botUsername(), channelId);
    const existing = await deps.queries.channel(channelId);
    if (existing) {
      await dm(existing.ownerId === userId ? ctx.t('channelAlreadyYours', { channelTitle: existing.title, shareLink: link }) : ctx.t('channelOwnedByOther', { channelTitle: existing.title }));
      return;
    }
    try {
      await deps.channels.registerChannel({ channelId, chatId, ownerId: userId, title });
    } catch (error) {
      // Another copy of this registration (or another admin) got there first: report what stands.
      if (!(isPayGateError(error) && error.kind === 'conflict')) throw error;
      const winner = await deps.queries.channel(channelId);
      if (!winner) throw error;
      await dm(winner.ownerId === userId ? ctx.t('channelAlreadyYours', { channelTitle: winner.title, shareLink: link }) : ctx.t('channelOwnedByOther', { channelTitle: winner.title }));
      return;
    }
    logger.info({ channelId, chatId, ownerId: userId }, 'channel registered through the bot');
    const publicUsername = 'username' in chat ? chat.username : undefined;
    await dm(ctx.t('channelRegistered', { channelTitle: title, shareLink: link, ...(publicUsername ? { publicUsername } : {}) }));
  });

  return composer;
};

import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import { logUndelivered } from '../errors/log-undelivered.ts';
import { channelCodeForChat, shareLink } from '../links/index.ts';
import type { BotServices } from '../services.ts';
import { missingRights } from './bot-rights.ts';
import { channelOfChat } from './channel-of-chat.ts';
import { takeOver } from './claim.ts';
import { syncOwnerStatus } from './owner-status.ts';
import { registerAsCreator } from './register-channel.ts';

/**
 * Owner setup starts when someone makes the bot an administrator of a channel (`my_chat_member`).
 * The chat's creator registers it, if a fresh getChatAdministrators confirms they are the creator
 * and the bot has the rights PayGate needs; otherwise they are told exactly what to grant.
 * Granting the rights later is another `my_chat_member`, which registers then. Another
 * administrator is told only the creator can register it (the owner of record is paid, and an
 * administrator can be removed by the creator at any time). The creator adding the bot to a
 * channel registered to someone else claims it. Answers go to the person by DM, which fails
 * quietly (logged) if they never started the bot.
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
      ctx.api.sendMessage(from.id, text).catch((error: unknown) => logUndelivered(logger, { chatId, userId }, error, 'could not DM the channel admin'));

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
    // A chat linked as a paid channel's public one is where broadcasts go, not a channel to sell.
    const linkedTo = await deps.broadcasts?.channelLinkedTo(chatId);
    if (linkedTo !== undefined) {
      const paid = await deps.queries.channel(linkedTo);
      await dm(ctx.t('publicChannelNotRegistered', { chatTitle: title, channelTitle: paid?.title ?? linkedTo }));
      return;
    }
    const limit = services.limits.ownerActions.take(userId);
    if (!limit.allowed) return void logger.warn({ chatId, userId }, 'owner action rate-limited: channel registration skipped');

    const role = await services.admins.roleOf(chatId, userId, { fresh: true });
    if (!role) {
      await dm(ctx.t('notChatAdmin', { channelTitle: title }));
      return;
    }
    const missing = missingRights(member);
    if (missing.length > 0) {
      await dm(ctx.t('missingRights', { channelTitle: title, missing }));
      return;
    }
    // The admin list was just loaded fresh: these read it from the cache.
    const creatorId = (await services.admins.creatorOf(chatId)) ?? null;
    const existing = await channelOfChat(deps.queries, chatId);
    if (existing && existing.ownerId !== userId && role === 'creator') {
      await dm(await takeOver(services, ctx.api, { channel: existing, claimantId: userId, t: ctx.t, creatorId }));
      return;
    }
    if (existing) {
      const ownerRole = await services.admins.roleOf(chatId, existing.ownerId);
      await syncOwnerStatus(services, ctx.api, existing, { userId: existing.ownerId, status: ownerRole ?? 'not_admin' });
      const link = shareLink(services.botUsername(), existing.channelId);
      await dm(existing.ownerId === userId ? ctx.t('channelAlreadyYours', { channelTitle: existing.title, shareLink: link }) : ctx.t('channelOwnedByOther', { channelTitle: existing.title }));
      return;
    }
    if (role !== 'creator') {
      await dm(ctx.t('onlyCreatorRegisters', { channelTitle: title, channelCode: channelId }));
      return;
    }
    const publicUsername = 'username' in chat ? chat.username : undefined;
    await dm(await registerAsCreator(services, { channelId, chatId, title, userId, creatorId, ...(publicUsername ? { publicUsername } : {}) }, ctx.t));
  });

  return composer;
};

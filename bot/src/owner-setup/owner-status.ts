import { Composer, type Api } from 'grammy';
import type { BotContext } from '../context.ts';
import { logUndelivered } from '../errors/log-undelivered.ts';
import type { BotChannel, OwnerChatStatus } from '../deps.ts';
import { translatorFor, type Translate } from '../messages/index.ts';
import type { BotServices } from '../services.ts';
import { channelOfChat } from './channel-of-chat.ts';

/**
 * Records what Telegram said about a user's status in a registered channel. For the owner of
 * record, losing admin rights holds the channel's payouts and regaining them resumes them (the
 * channel decider decides); the owner is told either way by DM, which fails quietly (logged).
 */
export const syncOwnerStatus = async (
  services: BotServices,
  api: Api,
  channel: BotChannel,
  input: { userId: string; status: OwnerChatStatus; t?: Translate },
): Promise<void> => {
  const { deps, logger } = services;
  const { channelId, title: channelTitle, ownerId } = channel;
  if (input.userId !== ownerId) return;
  const { events } = await deps.channels.recordOwnerStatus({ channelId, userId: input.userId, status: input.status });
  const t = input.t ?? translatorFor(undefined);
  for (const event of events) {
    const key = event.type === 'ChannelPayoutsHeld' ? 'ownerLostAdmin' : event.type === 'ChannelPayoutsResumed' ? 'ownerAdminAgain' : undefined;
    if (key === undefined) continue;
    logger.warn({ channelId, ownerId, status: input.status, event: event.type }, key === 'ownerLostAdmin' ? 'channel owner is not an administrator: payouts held' : 'channel owner is an administrator again: payouts resumed');
    await api.sendMessage(ownerId, t(key, { channelTitle })).catch((error: unknown) => logUndelivered(logger, { channelId, ownerId }, error, 'could not DM the channel owner'));
  }
};

/**
 * `chat_member` in a registered channel: a change of its owner's status holds or resumes the
 * payouts; someone who became the creator (a Telegram ownership transfer) is told they can claim
 * the channel. The chat's cached admin list is dropped either way. Passes the update on, so the
 * membership handlers see joins as before.
 */
export const ownerStatus = (services: BotServices): Composer<BotContext> => {
  const { deps, logger } = services;
  const composer = new Composer<BotContext>();

  composer.on('chat_member', async (ctx, next) => {
    const { chat, new_chat_member: after } = ctx.chatMember;
    const chatId = String(chat.id);
    services.admins.forget(chatId);
    const channel = chat.type === 'channel' && !after.user.is_bot ? await channelOfChat(deps.queries, chatId) : undefined;
    if (channel) {
      const userId = String(after.user.id);
      const t = translatorFor(after.user.language_code);
      if (userId === channel.ownerId) await syncOwnerStatus(services, ctx.api, channel, { userId, status: after.status, t });
      else if (after.status === 'creator') {
        await ctx.api
          .sendMessage(userId, t('creatorCanClaim', { channelTitle: channel.title, channelCode: channel.channelId }))
          .catch((error: unknown) => logger.info({ channelId: channel.channelId, userId, err: error }, 'could not tell a new creator they can claim the channel'));
      }
    }
    return next();
  });

  return composer;
};

import { Composer, GrammyError, type Api } from 'grammy';
import type { BotContext } from '../context.ts';
import { logUndelivered } from '../errors/log-undelivered.ts';
import type { BotChannel } from '../deps.ts';
import { shareLink } from '../links/index.ts';
import { translatorFor, type Translate } from '../messages/index.ts';
import type { BotServices } from '../services.ts';
import { missingRights } from './bot-rights.ts';
import { chatIdForChannelCode } from './chat-of-code.ts';
import { withinOwnerLimit } from './owner-channel.ts';
import { registerAsCreator } from './register-channel.ts';
import { tokens } from './tier-input.ts';

/**
 * The chat's creator takes over a channel registered to someone else, after a lookup saying
 * they are the creator now (`creatorId` when the caller has just made one, else a fresh one).
 * The previous owner is told by DM; returns the text for the claimant.
 */
export const takeOver = async (
  services: BotServices,
  api: Api,
  input: { channel: BotChannel; claimantId: string; t: Translate; creatorId?: string | null },
): Promise<string> => {
  const { deps, logger } = services;
  const { channel, claimantId, t } = input;
  const { channelId, title: channelTitle } = channel;
  const creatorId = input.creatorId !== undefined ? input.creatorId : ((await services.admins.creatorOf(channel.chatId, { fresh: true })) ?? null);
  if (creatorId !== claimantId) return t('onlyCreatorClaims', { channelTitle });
  const { events } = await deps.channels.claimOwnership({ channelId, claimantId, creatorId });
  const link = shareLink(services.botUsername(), channelId);
  const claimed = events.find((event) => event.type === 'ChannelOwnershipClaimed')?.data as { previousOwnerId: string } | undefined;
  if (!claimed) return t('channelAlreadyYours', { channelTitle, shareLink: link });
  logger.info({ channelId, previousOwnerId: claimed.previousOwnerId, ownerId: claimantId }, 'channel claimed by its creator');
  await api
    .sendMessage(claimed.previousOwnerId, translatorFor(undefined)('channelClaimedFromYou', { channelTitle }))
    .catch((error: unknown) => logUndelivered(logger, { channelId }, error, 'could not tell the previous owner about the claim'));
  return t('channelClaimed', { channelTitle, shareLink: link });
};

/** A channel the bot administers but nobody registered (an administrator who is not the creator added it): the creator registers it. */
const registerByCode = async (ctx: BotContext, services: BotServices, code: string, userId: string): Promise<string> => {
  const chatId = chatIdForChannelCode(code);
  if (chatId === undefined) return ctx.t('claimNeedsBot', { channelCode: code });
  const chat = await ctx.api.getChat(chatId);
  const me = await ctx.api.getChatMember(chatId, services.botId());
  if (chat.type !== 'channel' || me.status !== 'administrator') return ctx.t('claimNeedsBot', { channelCode: code });
  const title = chat.title ?? chatId;
  const creatorId = (await services.admins.creatorOf(chatId, { fresh: true })) ?? null;
  if (creatorId !== userId) return ctx.t('onlyCreatorClaims', { channelTitle: title });
  const missing = missingRights(me);
  if (missing.length > 0) return ctx.t('missingRights', { channelTitle: title, missing });
  return registerAsCreator(services, { channelId: code, chatId, title, userId, creatorId, ...(chat.username ? { publicUsername: chat.username } : {}) }, ctx.t);
};

/**
 * `/claim <channel code>`: the creator of a channel takes it over from whoever registered it,
 * or registers it when an administrator who is not the creator added the bot. Who the creator
 * is comes from getChatAdministrators, asked afresh.
 */
export const claimCommand = (services: BotServices): Composer<BotContext> => {
  const { deps } = services;
  const composer = new Composer<BotContext>();

  composer.chatType('private').command('claim', async (ctx) => {
    if (!(await withinOwnerLimit(ctx, services))) return;
    const args = tokens(ctx.match);
    const code = args[0];
    if (code === undefined || args.length !== 1) return void (await ctx.reply(ctx.t('claimUsage', {})));
    const userId = String(ctx.from.id);
    let text: string;
    try {
      const channel = await deps.queries.channel(code);
      if (!channel) text = await registerByCode(ctx, services, code, userId);
      else if (channel.ownerId === userId) text = ctx.t('channelAlreadyYours', { channelTitle: channel.title, shareLink: shareLink(services.botUsername(), channel.channelId) });
      else text = await takeOver(services, ctx.api, { channel, claimantId: userId, t: ctx.t });
    } catch (error) {
      // Telegram refused to show the chat or its administrators: the bot is not (or no longer) in it.
      if (!(error instanceof GrammyError && (error.error_code === 400 || error.error_code === 403))) throw error;
      text = ctx.t('claimNeedsBot', { channelCode: code });
    }
    await ctx.reply(text);
  });

  return composer;
};

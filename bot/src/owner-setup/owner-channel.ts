import type { BotContext } from '../context.ts';
import type { BotChannel } from '../deps.ts';
import type { BotServices } from '../services.ts';
import { syncOwnerStatus } from './owner-status.ts';

export type OwnerCommand = 'addtier' | 'setprice' | 'setduration' | 'retiretier' | 'wallet' | 'payout' | 'balance' | 'donations';

/**
 * The channel an owner command acts on, with the rest of its arguments: the channel code given
 * first, else the owner's only channel; several channels and no code → the bot lists the codes.
 * The channel is read from its stream (so a channel registered a moment ago is found even if
 * the owner's list lags), and the caller must be its registered owner AND still an admin of the
 * chat (getChatAdministrators). Replies itself and returns undefined when it cannot go on.
 */
export const resolveOwnedChannel = async (
  ctx: BotContext,
  services: BotServices,
  command: OwnerCommand,
  args: readonly string[],
): Promise<{ channel: BotChannel; rest: string[] } | undefined> => {
  const { deps } = services;
  const userId = String(ctx.from!.id);
  let channel: BotChannel | undefined;
  let rest = [...args];
  const named = args[0] === undefined ? undefined : await deps.queries.channel(args[0]);
  if (named) {
    channel = named;
    rest = rest.slice(1);
  } else {
    const owned = await deps.queries.channelsOwnedBy(userId);
    if (owned.length === 0) {
      await ctx.reply(ctx.t('ownerNoChannels', {}));
      return undefined;
    }
    if (owned.length > 1) {
      await ctx.reply(ctx.t('chooseChannel', { command, codes: owned.map(({ channelId, title }) => ({ code: channelId, title })) }));
      return undefined;
    }
    channel = await deps.queries.channel(owned[0]!.channelId);
    if (!channel) return undefined;
  }
  return (await ensureManages(ctx, services, channel)) ? { channel, rest } : undefined;
};

/** Whether the user may manage the channel; replies with the reason when not. */
export const ensureManages = async (ctx: BotContext, services: BotServices, channel: BotChannel): Promise<boolean> => {
  const userId = String(ctx.from!.id);
  if (channel.ownerId !== userId) {
    await ctx.reply(ctx.t('notChannelOwner', { channelTitle: channel.title }));
    return false;
  }
  if (!(await services.admins.isAdmin(channel.chatId, userId))) {
    // The owner of record lost their rights: their payouts wait until they have them back.
    await syncOwnerStatus(services, ctx.api, channel, { userId, status: 'not_admin', t: ctx.t });
    await ctx.reply(ctx.t('notChatAdmin', { channelTitle: channel.title }));
    return false;
  }
  return true;
};

/** Whether the owner action fits the user's budget; replies when it does not. */
export const withinOwnerLimit = async (ctx: BotContext, services: BotServices): Promise<boolean> => {
  const decision = services.limits.ownerActions.take(String(ctx.from!.id));
  if (decision.allowed) return true;
  await ctx.reply(ctx.t('rateLimited', { retryAfterSeconds: Math.ceil(decision.retryAfterMs / 1000) }));
  return false;
};

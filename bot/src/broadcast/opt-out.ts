import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '../context.ts';
import { decodeCallback, encodeCallback } from '../links/index.ts';
import type { BotServices } from '../services.ts';
import { argsOf } from './owned-channel.ts';

/**
 * A subscriber stops (or resumes) an owner's broadcasts of one channel: the button under each
 * subscriber broadcast (`o:<channel>`, answered with an opt-back-in button `O:<channel>`), or
 * `/optout <code>` and `/optin <code>`. The subscription itself is untouched.
 */
export const optOut = (services: BotServices): Composer<BotContext> => {
  const { deps } = services;
  const composer = new Composer<BotContext>();

  /** Records the choice for the user and answers with the button that undoes it. */
  const apply = async (ctx: BotContext, channelId: string, optedOut: boolean) => {
    const port = deps.broadcasts;
    if (!port) return void (await ctx.reply(ctx.t('broadcastsUnavailable', {})));
    const channel = await deps.queries.channel(channelId);
    if (!channel) return void (await ctx.reply(ctx.t('unknownChannel', { code: channelId })));
    await port.setBroadcastOptOut({ channelId, subscriberId: String(ctx.from!.id), optedOut });
    const undo = new InlineKeyboard().text(ctx.t(optedOut ? 'optInButton' : 'optOutButton', {}), encodeCallback({ action: optedOut ? 'optIn' : 'optOut', channelId }));
    await ctx.reply(ctx.t(optedOut ? 'optedOut' : 'optedIn', { channelTitle: channel.title }), { reply_markup: undo });
  };

  composer.on('callback_query:data', async (ctx, next) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    if (action?.action !== 'optOut' && action?.action !== 'optIn') return next();
    await ctx.answerCallbackQuery().catch(() => undefined);
    await apply(ctx, action.channelId, action.action === 'optOut');
  });

  for (const command of ['optout', 'optin'] as const) {
    composer.chatType('private').command(command, async (ctx) => {
      const [code, ...extra] = argsOf(ctx.match);
      if (code !== undefined && extra.length === 0) return apply(ctx, code, command === 'optout');
      // No code: the channels the user is subscribed to, to pick from.
      const subscriptions = (await deps.queries.subscriptionsOf?.(String(ctx.from.id))) ?? [];
      const channels = [...new Map(subscriptions.map((sub) => [sub.channelId, { code: sub.channelId, title: sub.channelTitle }])).values()];
      if (code === undefined && channels.length === 1) return apply(ctx, channels[0]!.code, command === 'optout');
      await ctx.reply(ctx.t('optUsage', { command, channels }));
    });
  }

  return composer;
};

import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '../context.ts';
import { encodeCallback } from '../links/index.ts';
import type { BotServices } from '../services.ts';

/** `/subscriptions`: each subscription with its end date ("in 3 days"), and a renew button per channel. */
export const subscriptions = (services: BotServices): Composer<BotContext> => {
  const { deps, clock } = services;
  const composer = new Composer<BotContext>();
  const privately = composer.chatType('private');

  privately.command('subscriptions', async (ctx) => {
    const query = deps.queries.subscriptionsOf;
    if (!query) return void (await ctx.reply(ctx.t('subscriptionsUnavailable', {})));
    const list = await query(String(ctx.from.id));
    if (list.length === 0) return void (await ctx.reply(ctx.t('subscriptionsNone', {})));
    const keyboard = new InlineKeyboard();
    for (const subscription of list) {
      keyboard
        .text(ctx.t('renewButton', { channelTitle: subscription.channelTitle }), encodeCallback({ action: 'buy', channelId: subscription.channelId, tierRef: subscription.tierId }))
        .row();
    }
    await ctx.reply(ctx.t('subscriptionsList', { subscriptions: list, now: clock() }), { reply_markup: keyboard });
  });

  return composer;
};

import { InlineKeyboard } from 'grammy';
import type { BotContext } from '../context.ts';
import type { BotChannel } from '../deps.ts';
import { encodeCallback } from '../links/index.ts';

/** The channel and its plans, one button each: what `/start <code>` and renewals show. */
export const sendOffer = async (ctx: BotContext, channel: BotChannel): Promise<void> => {
  const onSale = channel.tiers.filter((tier) => !tier.retired);
  if (onSale.length === 0) return void (await ctx.reply(ctx.t('channelHasNoTiers', { channelTitle: channel.title })));
  const keyboard = new InlineKeyboard();
  for (const tier of onSale) {
    keyboard.text(ctx.t('tierButton', tier), encodeCallback({ action: 'buy', channelId: channel.channelId, tierRef: tier.tierId })).row();
  }
  await ctx.reply(ctx.t('channelOffer', { channelTitle: channel.title, tiers: onSale }), { reply_markup: keyboard });
};

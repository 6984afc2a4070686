import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import { channelCodeFromStart } from '../links/index.ts';
import type { BotServices } from '../services.ts';
import { sendOffer } from './offer.ts';

/** `/start <code>` (the share link) shows the channel's plans; `/start` alone greets; `/help` explains. */
export const startAndHelp = (services: BotServices): Composer<BotContext> => {
  const { deps } = services;
  const composer = new Composer<BotContext>();
  const privately = composer.chatType('private');

  privately.command('start', async (ctx) => {
    const code = channelCodeFromStart(ctx.match);
    if (code === undefined) {
      return void (await ctx.reply(ctx.t('welcome', ctx.from.first_name ? { firstName: ctx.from.first_name } : {})));
    }
    const channel = await deps.queries.channel(code);
    if (!channel) return void (await ctx.reply(ctx.t('unknownChannel', { code })));
    await sendOffer(ctx, channel);
  });

  privately.command('help', async (ctx) => {
    const owned = await deps.queries.channelsOwnedBy(String(ctx.from.id));
    await ctx.reply(ctx.t('help', { ownsSeveralChannels: owned.length > 1 }), { link_preview_options: { is_disabled: true } });
  });

  return composer;
};

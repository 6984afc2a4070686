import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '../context.ts';
import type { BotChannel } from '../deps.ts';
import { decodeCallback, encodeCallback, matchesTierRef, shareLink } from '../links/index.ts';
import type { BotServices } from '../services.ts';
import { ensureManages, withinOwnerLimit } from './owner-channel.ts';

/**
 * `/channels` (alias `/tiers`): the owner's channels; each opens a menu with the share link,
 * the tiers, the exact commands to change them, and a button per tier to retire it (with a
 * confirmation). Buttons re-check ownership and admin rights when pressed.
 */
export const channelMenu = (services: BotServices): Composer<BotContext> => {
  const { deps } = services;
  const composer = new Composer<BotContext>();

  const showMenu = async (ctx: BotContext, channel: BotChannel, multiple: boolean) => {
    const keyboard = new InlineKeyboard();
    for (const tier of channel.tiers.filter((tier) => !tier.retired)) {
      keyboard.text(ctx.t('retireTierButton', { name: tier.name }), encodeCallback({ action: 'retire', channelId: channel.channelId, tierRef: tier.tierId })).row();
    }
    const text = ctx.t('channelMenu', {
      channelTitle: channel.title,
      shareLink: shareLink(services.botUsername(), channel.channelId),
      channelCode: channel.channelId,
      tiers: channel.tiers,
      multiple,
    });
    await ctx.reply(text, { reply_markup: keyboard, link_preview_options: { is_disabled: true } });
  };

  composer.chatType('private').command(['channels', 'tiers'], async (ctx) => {
    const owned = await deps.queries.channelsOwnedBy(String(ctx.from.id));
    if (owned.length === 0) return void (await ctx.reply(ctx.t('ownerNoChannels', {})));
    if (owned.length === 1) {
      const channel = await deps.queries.channel(owned[0]!.channelId);
      if (channel && (await ensureManages(ctx, services, channel))) await showMenu(ctx, channel, false);
      return;
    }
    const keyboard = new InlineKeyboard();
    for (const channel of owned) keyboard.text(ctx.t('channelButton', { channelTitle: channel.title }), encodeCallback({ action: 'channel', channelId: channel.channelId })).row();
    const channels = owned.map((channel) => ({ title: channel.title, tierCount: channel.tiers.filter((tier) => !tier.retired).length }));
    await ctx.reply(ctx.t('ownerChannels', { channels }), { reply_markup: keyboard });
  });

  composer.on('callback_query:data', async (ctx, next) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    if (!action || (action.action !== 'channel' && action.action !== 'retire' && action.action !== 'retireConfirmed' && action.action !== 'cancel')) return next();
    await ctx.answerCallbackQuery().catch(() => undefined);
    if (action.action === 'cancel') return void (await ctx.reply(ctx.t('cancelled', {})));
    if (!(await withinOwnerLimit(ctx, services))) return;
    const channel = await deps.queries.channel(action.channelId);
    if (!channel || !(await ensureManages(ctx, services, channel))) return;
    if (action.action === 'channel') {
      const owned = await deps.queries.channelsOwnedBy(String(ctx.from.id));
      return void (await showMenu(ctx, channel, owned.length > 1));
    }
    const tier = channel.tiers.find((candidate) => matchesTierRef(candidate.tierId, action.tierRef));
    if (!tier) return void (await ctx.reply(ctx.t('tierNotFound', { name: action.tierRef, known: channel.tiers.filter((t) => !t.retired).map((t) => t.name) })));
    if (action.action === 'retire') {
      const keyboard = new InlineKeyboard()
        .text(ctx.t('confirmButton', {}), encodeCallback({ action: 'retireConfirmed', channelId: channel.channelId, tierRef: tier.tierId }))
        .text(ctx.t('cancelButton', {}), encodeCallback({ action: 'cancel' }));
      return void (await ctx.reply(ctx.t('confirmRetire', { name: tier.name, channelTitle: channel.title }), { reply_markup: keyboard }));
    }
    await deps.channels.retireTier({ channelId: channel.channelId, tierId: tier.tierId });
    await ctx.reply(ctx.t('tierRetired', { channelTitle: channel.title, name: tier.name }));
  });

  return composer;
};

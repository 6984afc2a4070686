import { Composer } from 'grammy';
import { MAX_DURATION_DAYS } from '@paygate/domain';
import type { BotContext } from '../context.ts';
import type { BotTier } from '../deps.ts';
import { shareLink } from '../links/index.ts';
import type { BotServices } from '../services.ts';
import { resolveOwnedChannel, withinOwnerLimit } from './owner-channel.ts';
import { findTierByName, MAX_TIER_NAME, newTierId, parseDays, parsePriceUsd, parseTierName, tokens } from './tier-input.ts';

/**
 * Tier commands, stateless and forgiving: `/addtier [code] <name…> <price> <days>`,
 * `/setprice [code] <tier…> <price>`, `/setduration [code] <tier…> <days>`,
 * `/retiretier [code] <tier…>`. Names may have spaces (the numbers come last). A change
 * applies to new purchases; invoices already made keep their price.
 */
export const tierCommands = (services: BotServices): Composer<BotContext> => {
  const { deps } = services;
  const composer = new Composer<BotContext>();
  const privately = composer.chatType('private');

  const unknownTier = (ctx: BotContext, name: string, tiers: readonly BotTier[]) =>
    ctx.reply(ctx.t('tierNotFound', { name, known: tiers.filter((tier) => !tier.retired).map((tier) => tier.name) }));

  privately.command('addtier', async (ctx) => {
    if (!(await withinOwnerLimit(ctx, services))) return;
    const target = await resolveOwnedChannel(ctx, services, 'addtier', tokens(ctx.match));
    if (!target) return;
    const { channel, rest } = target;
    if (rest.length < 3) return void (await ctx.reply(ctx.t('usage', { command: 'addtier' })));
    const [priceText, daysText] = rest.slice(-2) as [string, string];
    const name = parseTierName(rest.slice(0, -2).join(' '));
    const price = parsePriceUsd(priceText);
    const days = parseDays(daysText);
    if (!name.ok) return void (await ctx.reply(ctx.t('invalidName', { max: MAX_TIER_NAME })));
    if (!price.ok) return void (await ctx.reply(ctx.t('invalidPrice', { text: priceText })));
    if (!days.ok) return void (await ctx.reply(ctx.t('invalidDuration', { text: daysText, max: MAX_DURATION_DAYS })));
    const existing = findTierByName(channel.tiers, name.value);
    if (existing && !existing.retired) return void (await ctx.reply(ctx.t('tierExists', { name: existing.name, command: 'setprice' })));
    const tierId = newTierId(name.value, channel.tiers);
    await deps.channels.priceTier({ channelId: channel.channelId, tierId, name: name.value, price: price.value, durationDays: days.value });
    const tier = { name: name.value, price: price.value, durationDays: days.value };
    await ctx.reply(ctx.t('tierAdded', { channelTitle: channel.title, tier, shareLink: shareLink(services.botUsername(), channel.channelId) }));
  });

  const change = (command: 'setprice' | 'setduration') =>
    privately.command(command, async (ctx) => {
      if (!(await withinOwnerLimit(ctx, services))) return;
      const target = await resolveOwnedChannel(ctx, services, command, tokens(ctx.match));
      if (!target) return;
      const { channel, rest } = target;
      if (rest.length < 2) return void (await ctx.reply(ctx.t('usage', { command })));
      const valueText = rest.at(-1)!;
      const tierName = rest.slice(0, -1).join(' ');
      const tier = findTierByName(channel.tiers, tierName);
      if (!tier) return void (await unknownTier(ctx, tierName, channel.tiers));
      if (tier.retired) return void (await ctx.reply(ctx.t('tierIsRetired', { name: tier.name })));
      let terms = { name: tier.name, price: tier.price, durationDays: tier.durationDays };
      if (command === 'setprice') {
        const price = parsePriceUsd(valueText);
        if (!price.ok) return void (await ctx.reply(ctx.t('invalidPrice', { text: valueText })));
        terms = { ...terms, price: price.value };
      } else {
        const days = parseDays(valueText);
        if (!days.ok) return void (await ctx.reply(ctx.t('invalidDuration', { text: valueText, max: MAX_DURATION_DAYS })));
        terms = { ...terms, durationDays: days.value };
      }
      if (terms.price.amount === tier.price.amount && terms.durationDays === tier.durationDays) {
        return void (await ctx.reply(ctx.t('tierUnchanged', { name: tier.name })));
      }
      await deps.channels.priceTier({ channelId: channel.channelId, tierId: tier.tierId, ...terms });
      await ctx.reply(ctx.t('tierChanged', { channelTitle: channel.title, tier: terms }));
    });
  change('setprice');
  change('setduration');

  privately.command('retiretier', async (ctx) => {
    if (!(await withinOwnerLimit(ctx, services))) return;
    const target = await resolveOwnedChannel(ctx, services, 'retiretier', tokens(ctx.match));
    if (!target) return;
    const { channel, rest } = target;
    if (rest.length < 1) return void (await ctx.reply(ctx.t('usage', { command: 'retiretier' })));
    const tierName = rest.join(' ');
    const tier = findTierByName(channel.tiers, tierName);
    if (!tier) return void (await unknownTier(ctx, tierName, channel.tiers));
    await deps.channels.retireTier({ channelId: channel.channelId, tierId: tier.tierId });
    await ctx.reply(ctx.t('tierRetired', { channelTitle: channel.title, name: tier.name }));
  });

  return composer;
};

import { Composer } from 'grammy';
import { parseMoney, THRESHOLD_CURRENCY } from '@paygate/domain';
import type { BotContext } from '../context.ts';
import type { BotServices } from '../services.ts';
import { resolveOwnedChannel, withinOwnerLimit } from './owner-channel.ts';
import { tokens } from './tier-input.ts';

/**
 * `/wallet [code] <address> <network> <currency>` and `/payout [code] instant | threshold <USD>`.
 * The rules (EIP-55 checksum, networks and their currencies, threshold bounds) are the payout
 * settings decider's; its validation message is shown as it is.
 */
export const payoutCommands = (services: BotServices): Composer<BotContext> => {
  const { deps } = services;
  const composer = new Composer<BotContext>();
  const privately = composer.chatType('private');

  privately.command('wallet', async (ctx) => {
    const payout = deps.payoutSettings;
    if (!payout) return void (await ctx.reply(ctx.t('payoutSettingsUnavailable', {})));
    if (!(await withinOwnerLimit(ctx, services))) return;
    const target = await resolveOwnedChannel(ctx, services, 'wallet', tokens(ctx.match));
    if (!target) return;
    const [address, network, currency] = target.rest;
    if (target.rest.length !== 3 || !address || !network || !currency) return void (await ctx.reply(ctx.t('usage', { command: 'wallet' })));
    const requestedBy = String(ctx.from.id);
    const input = { channelId: target.channel.channelId, requestedBy, address, network: network.toLowerCase(), currency: currency.toUpperCase() };
    await payout.setPayoutWallet(input);
    await ctx.reply(ctx.t('walletSet', { channelTitle: target.channel.title, address, network: input.network, currency: input.currency }));
  });

  privately.command('payout', async (ctx) => {
    const payout = deps.payoutSettings;
    if (!payout) return void (await ctx.reply(ctx.t('payoutSettingsUnavailable', {})));
    if (!(await withinOwnerLimit(ctx, services))) return;
    const target = await resolveOwnedChannel(ctx, services, 'payout', tokens(ctx.match));
    if (!target) return;
    const [strategy, amount, ...extra] = target.rest;
    const { channelId, title } = target.channel;
    const requestedBy = String(ctx.from.id);
    if (strategy?.toLowerCase() === 'instant' && amount === undefined) {
      await payout.choosePayoutStrategy({ channelId, requestedBy, strategy: 'instant' });
      return void (await ctx.reply(ctx.t('payoutInstant', { channelTitle: title })));
    }
    if (strategy?.toLowerCase() !== 'threshold' || amount === undefined || extra.length > 0) return void (await ctx.reply(ctx.t('usage', { command: 'payout' })));
    const cleaned = amount.replace(/^\$/, '').replace(',', '.');
    if (!/^\d{1,12}(\.\d{1,2})?$/.test(cleaned)) return void (await ctx.reply(ctx.t('invalidPrice', { text: amount })));
    const threshold = parseMoney(cleaned, THRESHOLD_CURRENCY);
    await payout.choosePayoutStrategy({ channelId, requestedBy, strategy: 'threshold', threshold });
    await ctx.reply(ctx.t('payoutThreshold', { channelTitle: title, threshold }));
  });

  return composer;
};

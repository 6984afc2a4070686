import { Composer, InlineKeyboard } from 'grammy';
import { isPayGateError, parseMoney, THRESHOLD_CURRENCY } from '@paygate/domain';
import type { BotContext } from '../context.ts';
import type { BotChannel, BotEvent, PayoutSettingsPort } from '../deps.ts';
import type { BotServices } from '../services.ts';
import { resolveOwnedChannel, withinOwnerLimit } from './owner-channel.ts';
import { tokens } from './tier-input.ts';
import { decodeWalletCancel, encodeWalletCancel } from './wallet-change-button.ts';

type WalletData = { address: string; network: string; currency: string };
type ChangeRequested = WalletData & { changeNumber: number; effectiveAt: string };

/**
 * `/wallet [code] <address> <network> <currency>`, `/wallet [code]` (what is in effect and
 * waiting), `/wallet [code] cancel`, and `/payout [code] instant | threshold <USD>`. The rules
 * (EIP-55 checksum, networks and their currencies, the hold on a change, threshold bounds) are
 * the payout settings decider's; its validation message is shown as it is. A requested change
 * is answered at once with a button that cancels exactly that change.
 */
export const payoutCommands = (services: BotServices): Composer<BotContext> => {
  const { deps } = services;
  const composer = new Composer<BotContext>();
  const privately = composer.chatType('private');

  const cancelChange = async (ctx: BotContext, payout: PayoutSettingsPort, channel: BotChannel, changeNumber: number) => {
    const channelTitle = channel.title;
    try {
      const { events } = await payout.cancelPayoutWalletChange({ channelId: channel.channelId, requestedBy: String(ctx.from!.id), changeNumber });
      await ctx.reply(ctx.t(events.length > 0 ? 'walletChangeCancelled' : 'walletChangeAlreadyCancelled', { channelTitle }));
    } catch (error) {
      const reason = isPayGateError(error) && error.kind === 'conflict' ? error.details.reason : undefined;
      if (reason === 'in_effect') return void (await ctx.reply(ctx.t('walletChangeTooLate', { channelTitle })));
      if (reason === 'replaced') return void (await ctx.reply(ctx.t('walletChangeReplaced', { channelTitle })));
      throw error;
    }
  };

  const answerWallet = async (ctx: BotContext, payout: PayoutSettingsPort, channel: BotChannel, events: readonly BotEvent[], multiple: boolean) => {
    const channelTitle = channel.title;
    const requested = events.find((event) => event.type === 'PayoutWalletChangeRequested')?.data as ChangeRequested | undefined;
    if (requested) {
      const { address, network, currency, effectiveAt, changeNumber } = requested;
      const cancelCommand = `/wallet ${multiple ? `${channel.channelId} ` : ''}cancel`;
      const text = ctx.t('walletChangeRequested', { channelTitle, address, network, currency, effectiveAt, now: services.clock(), cancelCommand });
      const data = encodeWalletCancel(channel.channelId, changeNumber);
      return void (await ctx.reply(text, data ? { reply_markup: new InlineKeyboard().text(ctx.t('cancelWalletChangeButton', {}), data) } : {}));
    }
    const set = events.find((event) => event.type === 'PayoutWalletSet')?.data as WalletData | undefined;
    if (set) return void (await ctx.reply(ctx.t('walletSet', { channelTitle, ...set })));
    if (events.some((event) => event.type === 'PayoutWalletChangeCancelled')) return void (await ctx.reply(ctx.t('walletChangeCancelled', { channelTitle })));
    await showWallets(ctx, payout, channel);
  };

  const showWallets = async (ctx: BotContext, payout: PayoutSettingsPort, channel: BotChannel) => {
    const { wallet, pendingChange } = await payout.payoutSettingsFor(channel.channelId);
    await ctx.reply(
      ctx.t('walletStatus', {
        channelTitle: channel.title,
        ...(wallet ? { wallet } : {}),
        ...(pendingChange ? { pending: { ...pendingChange.wallet, effectiveAt: pendingChange.effectiveAt } } : {}),
        now: services.clock(),
      }),
    );
  };

  privately.command('wallet', async (ctx) => {
    const payout = deps.payoutSettings;
    if (!payout) return void (await ctx.reply(ctx.t('payoutSettingsUnavailable', {})));
    if (!(await withinOwnerLimit(ctx, services))) return;
    const target = await resolveOwnedChannel(ctx, services, 'wallet', tokens(ctx.match));
    if (!target) return;
    const { channel, rest } = target;
    if (rest.length === 0) return showWallets(ctx, payout, channel);
    if (rest.length === 1 && rest[0]!.toLowerCase() === 'cancel') {
      const { pendingChange } = await payout.payoutSettingsFor(channel.channelId);
      if (!pendingChange) return void (await ctx.reply(ctx.t('noPendingWalletChange', { channelTitle: channel.title })));
      return cancelChange(ctx, payout, channel, pendingChange.changeNumber);
    }
    const [address, network, currency] = rest;
    if (rest.length !== 3 || !address || !network || !currency) return void (await ctx.reply(ctx.t('usage', { command: 'wallet' })));
    const requestedBy = String(ctx.from.id);
    const input = { channelId: channel.channelId, requestedBy, address, network: network.toLowerCase(), currency: currency.toUpperCase() };
    const { events } = await payout.setPayoutWallet(input);
    const multiple = (await deps.queries.channelsOwnedBy(requestedBy)).length > 1;
    await answerWallet(ctx, payout, channel, events, multiple);
  });

  // The button of a change request. Only the owner of record may cancel (the decider checks);
  // admin rights are not required: cancelling keeps payouts where they already go.
  composer.on('callback_query:data', async (ctx, next) => {
    const target = decodeWalletCancel(ctx.callbackQuery.data);
    const payout = deps.payoutSettings;
    if (!target || !payout) return next();
    await ctx.answerCallbackQuery().catch(() => undefined);
    if (!(await withinOwnerLimit(ctx, services))) return;
    const channel = await deps.queries.channel(target.channelId);
    if (!channel) return;
    await cancelChange(ctx, payout, channel, target.changeNumber);
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

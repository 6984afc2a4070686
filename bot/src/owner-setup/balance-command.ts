import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import type { BotChannel, OwnerBalancesPort } from '../deps.ts';
import type { BotServices } from '../services.ts';
import { resolveOwnedChannel, withinOwnerLimit } from './owner-channel.ts';
import { payoutReference } from './payout-reference.ts';
import { tokens } from './tier-input.ts';

/** How many payouts the answer lists: the latest few, the rest is history. */
export const RECENT_PAYOUTS = 5;

// Amounts stay exact decimal strings: "has money" is read from the digits, never from a float.
const isZero = (amount: string) => !/[1-9]/.test(amount);

/**
 * `/balance` (all the owner's channels) or `/balance <code>` (one): per channel and currency
 * what is waiting to be paid out (and how much of it is in a payout now) and what was paid
 * out, then the latest payouts with what arrived and their transaction.
 */
export const balanceCommand = (services: BotServices): Composer<BotContext> => {
  const { deps } = services;
  const composer = new Composer<BotContext>();

  const answer = async (ctx: BotContext, port: OwnerBalancesPort, channels: readonly BotChannel[], channelId?: string) => {
    const ownerId = String(ctx.from!.id);
    const [balances, payouts] = await Promise.all([port.balancesOf(ownerId, channelId), port.recentPayouts(ownerId, RECENT_PAYOUTS, channelId)]);
    const titles = new Map(channels.map((channel) => [channel.channelId, channel.title]));
    const titleOf = (id: string) => titles.get(id) ?? id;
    const shown = balances.filter(({ pending, paidOut }) => !isZero(pending) || !isZero(paidOut));
    if (shown.length === 0 && payouts.length === 0) {
      return void (await ctx.reply(ctx.t('balanceNone', channelId === undefined ? {} : { channelTitle: titleOf(channelId) })));
    }
    const text = ctx.t('balanceReport', {
      balances: shown.map(({ channelId: id, ...amounts }) => ({ channelTitle: titleOf(id), ...amounts })),
      payouts: payouts.slice(0, RECENT_PAYOUTS).map(({ channelId: id, payoutHash, ...payout }) => ({
        ...payout,
        channelTitle: titleOf(id),
        ...(payoutHash ? { reference: payoutReference(payoutHash, deps.explorerTxUrl) } : {}),
      })),
    });
    // Plain text: an explorer link is linked by Telegram; no preview card for it.
    await ctx.reply(text, { link_preview_options: { is_disabled: true } });
  };

  composer.chatType('private').command('balance', async (ctx) => {
    const port = deps.balances;
    if (!port) return void (await ctx.reply(ctx.t('balancesUnavailable', {})));
    if (!(await withinOwnerLimit(ctx, services))) return;
    const args = tokens(ctx.match);
    if (args.length === 0) {
      // Every channel of record: reading one's own money needs no admin check (payouts may be held for it).
      const owned = await deps.queries.channelsOwnedBy(String(ctx.from.id));
      if (owned.length === 0) return void (await ctx.reply(ctx.t('ownerNoChannels', {})));
      return answer(ctx, port, owned);
    }
    const target = await resolveOwnedChannel(ctx, services, 'balance', args);
    if (!target) return;
    if (target.rest.length > 0) return void (await ctx.reply(ctx.t('usage', { command: 'balance' })));
    await answer(ctx, port, [target.channel], target.channel.channelId);
  });

  return composer;
};

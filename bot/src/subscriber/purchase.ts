import { Composer, InlineKeyboard } from 'grammy';
import { isPayGateError } from '@paygate/domain';
import type { BotContext } from '../context.ts';
import { decodeCallback, matchesTierRef } from '../links/index.ts';
import { invoiceCapWait } from '../rate-limit/index.ts';
import type { BotServices } from '../services.ts';
import { purchaseInvoiceId } from './invoice-id.ts';

/**
 * A plan button pressed: within the user's invoice budget, create the invoice (NOWPayments
 * payment page) and answer with a pay button; over the cap for all users, say when to try again.
 * The invoice id comes from the button's message, so pressing it again shows the same invoice.
 */
export const purchase = (services: BotServices): Composer<BotContext> => {
  const { deps, logger } = services;
  const composer = new Composer<BotContext>();

  composer.on('callback_query:data', async (ctx, next) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    if (action?.action !== 'buy') return next();
    await ctx.answerCallbackQuery().catch(() => undefined);
    const message = ctx.callbackQuery.message;
    if (!message) return;
    const decision = services.limits.invoices.take(String(ctx.from.id));
    if (!decision.allowed) {
      return void (await ctx.reply(ctx.t('rateLimited', { retryAfterSeconds: Math.ceil(decision.retryAfterMs / 1000) })));
    }
    const channel = await deps.queries.channel(action.channelId);
    if (!channel) return void (await ctx.reply(ctx.t('unknownChannel', { code: action.channelId })));
    const tier = channel.tiers.find((candidate) => matchesTierRef(candidate.tierId, action.tierRef));
    if (!tier || tier.retired) return void (await ctx.reply(ctx.t('tierUnavailable', { channelTitle: channel.title })));

    const invoiceId = purchaseInvoiceId({
      botId: services.botId(),
      chatId: message.chat.id,
      messageId: message.message_id,
      userId: ctx.from.id,
      channelId: channel.channelId,
      tierId: tier.tierId,
      at: services.clock(),
    });
    let invoice;
    try {
      invoice = await deps.invoices.createInvoice({ channelId: channel.channelId, tierId: tier.tierId, subscriberId: String(ctx.from.id), invoiceId });
    } catch (error) {
      const waitSeconds = invoiceCapWait(error);
      if (waitSeconds !== undefined) {
        logger.warn({ invoiceId, retryAfterSeconds: waitSeconds }, 'invoice refused: the cap for all users is reached');
        return void (await ctx.reply(ctx.t('invoicesBusy', { retryAfterSeconds: waitSeconds })));
      }
      // Recorded but no payment page yet (NOWPayments down): the same button finishes this invoice later.
      if (isPayGateError(error) && error.details.linked === false) {
        logger.warn({ invoiceId, err: error }, 'invoice recorded without a payment page');
        return void (await ctx.reply(ctx.t('invoiceNotReady', {})));
      }
      throw error;
    }
    logger.info({ invoiceId, channelId: channel.channelId, tierId: tier.tierId }, 'invoice shown to a subscriber');
    const terms = { name: tier.name, price: invoice.price, durationDays: invoice.durationDays };
    const keyboard = new InlineKeyboard().url(ctx.t('payButton', { price: invoice.price }), invoice.invoiceUrl);
    await ctx.reply(ctx.t('invoiceReady', { channelTitle: channel.title, tier: terms, invoiceId: invoice.invoiceId }), { reply_markup: keyboard });
  });

  return composer;
};

import { Composer, InlineKeyboard } from 'grammy';
import { isPayGateError, type Money } from '@paygate/domain';
import type { BotContext } from '../context.ts';
import type { DonationPort } from '../deps.ts';
import { decodeCallback } from '../links/index.ts';
import { invoiceCapWait } from '../rate-limit/index.ts';
import type { BotServices } from '../services.ts';
import { readDonationAmount } from './donation-amount-text.ts';
import { donationInvoiceId } from './donation-invoice-id.ts';
import { askDonationAmount, askShowName, openDonations, sendDonationOffer } from './donation-offer.ts';

const DONATE_START = /^donate_([A-Za-z0-9_-]{1,57})$/;

/**
 * The donor's side: `/start donate_<channelId>` (the Donate button's link) offers the amounts;
 * a preset (or a typed amount, see amount-input.ts) leads to the name choice, and that to the
 * donation invoice with its pay button. Donations never touch subscriptions.
 */
export const donorFlow = (services: BotServices): Composer<BotContext> => {
  const { deps } = services;
  const composer = new Composer<BotContext>();

  composer.chatType('private').command('start', async (ctx, next) => {
    const channelId = DONATE_START.exec(ctx.match.trim())?.[1];
    if (channelId === undefined) return next();
    if (!deps.donations) return void (await ctx.reply(ctx.t('donationsUnavailable', {})));
    const open = await openDonations(ctx, services, deps.donations, channelId);
    if (open) await sendDonationOffer(ctx, open.channel, open.settings);
  });

  composer.on('callback_query:data', async (ctx, next) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    if (action?.action !== 'donate' && action?.action !== 'donateOther' && action?.action !== 'donateAs') return next();
    await ctx.answerCallbackQuery().catch(() => undefined);
    const donations = deps.donations;
    if (!donations) return void (await ctx.reply(ctx.t('donationsUnavailable', {})));
    const open = await openDonations(ctx, services, donations, action.channelId);
    if (!open) return;
    if (action.action === 'donateOther') return askDonationAmount(ctx, services, open.channel);
    let amount: Money;
    try {
      // Button data is the donor's to forge: read it by the same rules as a typed amount.
      amount = readDonationAmount(action.amount);
    } catch (error) {
      if (isPayGateError(error) && error.kind === 'validation') return void (await ctx.reply(ctx.t('donationAmountInvalid', { reason: error.message })));
      throw error;
    }
    if (action.action === 'donate') return askShowName(ctx, open.channel, amount);
    await sendDonationInvoice(ctx, services, donations, { channelId: open.channel.channelId, channelTitle: open.channel.title, amount, showName: action.showName });
  });

  return composer;
};

/** Creates (or finds again) the donation invoice for the pressed name choice and answers with its pay button. */
const sendDonationInvoice = async (
  ctx: BotContext,
  services: BotServices,
  donations: DonationPort,
  choice: { channelId: string; channelTitle: string; amount: Money; showName: boolean },
): Promise<void> => {
  const { logger } = services;
  const message = ctx.callbackQuery?.message;
  const from = ctx.from;
  if (!message || !from) return;
  const decision = services.limits.invoices.take(String(from.id));
  if (!decision.allowed) return void (await ctx.reply(ctx.t('rateLimited', { retryAfterSeconds: Math.ceil(decision.retryAfterMs / 1000) })));
  const invoiceId = donationInvoiceId({
    botId: services.botId(),
    chatId: message.chat.id,
    messageId: message.message_id,
    userId: from.id,
    channelId: choice.channelId,
    amount: `${choice.amount.amount}/${choice.amount.decimals}/${choice.amount.currency}`,
    showName: choice.showName,
    at: services.clock(),
  });
  const donorName = [from.first_name, from.last_name].filter(Boolean).join(' ') || (from.username ? `@${from.username}` : '');
  let invoice;
  try {
    invoice = await donations.createDonationInvoice({
      invoiceId,
      channelId: choice.channelId,
      donorId: String(from.id),
      amount: choice.amount,
      showName: choice.showName,
      // Only a donor who chose to show it has their name recorded at all.
      ...(choice.showName && donorName ? { donorName } : {}),
    });
  } catch (error) {
    const waitSeconds = invoiceCapWait(error);
    if (waitSeconds !== undefined) return void (await ctx.reply(ctx.t('invoicesBusy', { retryAfterSeconds: waitSeconds })));
    // The owner paused donations after the donor opened the offer.
    if (isPayGateError(error) && error.kind === 'conflict' && error.details.paused === true) {
      return void (await ctx.reply(ctx.t('donationsClosed', { channelTitle: choice.channelTitle })));
    }
    if (isPayGateError(error) && error.details.linked === false) {
      logger.warn({ invoiceId, err: error }, 'donation invoice recorded without a payment page');
      return void (await ctx.reply(ctx.t('invoiceNotReady', {})));
    }
    throw error;
  }
  logger.info({ invoiceId, channelId: choice.channelId }, 'donation invoice shown to a donor');
  const keyboard = new InlineKeyboard().url(ctx.t('payButton', { price: invoice.amount }), invoice.invoiceUrl);
  await ctx.reply(ctx.t('donationInvoiceReady', { channelTitle: choice.channelTitle, amount: invoice.amount, showName: choice.showName, invoiceId: invoice.invoiceId }), {
    reply_markup: keyboard,
  });
};

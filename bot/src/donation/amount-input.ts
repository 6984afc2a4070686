import { isPayGateError } from '@paygate/domain';
import type { InputHandler } from '../conversation/index.ts';
import type { BotServices } from '../services.ts';
import { readDonationAmount } from './donation-amount-text.ts';
import { askShowName, DONATION_AMOUNT_INPUT, openDonations } from './donation-offer.ts';

/**
 * The answer to "Other amount": a typed amount read exactly. A refused one (malformed, too
 * small or large, too many decimals) gets the reason and the question stays open until it
 * expires; an accepted one leads to the name choice.
 */
export const donationAmountInput = (services: BotServices): Record<string, InputHandler> => ({
  [DONATION_AMOUNT_INPUT]: async (ctx, input) => {
    const { channelId, expiresAt } = input.data;
    const donations = services.deps.donations;
    if (!channelId || !expiresAt || !donations) return;
    const text = ctx.message.text ?? '';
    let amount;
    try {
      amount = readDonationAmount(text);
    } catch (error) {
      if (!isPayGateError(error) || error.kind !== 'validation') throw error;
      // take() removed the question: put it back, with its original deadline.
      await services.deps.pendingInputs?.set(String(ctx.from.id), input, expiresAt);
      return void (await ctx.reply(ctx.t('donationAmountInvalid', { reason: error.message })));
    }
    const open = await openDonations(ctx, services, donations, channelId);
    if (open) await askShowName(ctx, open.channel, amount);
  },
});

// Donations in the bot: the owner's /donations and the pinned Donate message, the donor's amount, name choice and invoice.
import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import type { BotServices } from '../services.ts';
import { donationsCommand } from './donations-command.ts';
import { donorFlow } from './donor-flow.ts';

export { donationAmountInput } from './amount-input.ts';
export { donateLink, syncDonateMessages, type DonateTarget } from './donate-message.ts';
export { readDonationAmount } from './donation-amount-text.ts';
export { donationInvoiceId } from './donation-invoice-id.ts';
export { capDonationInvoiceCreation } from './donation-invoice-cap.ts';
export { DONATION_AMOUNT_INPUT, DONATION_AMOUNT_WAIT_MS } from './donation-offer.ts';
export { DEFAULT_DONATION_PRESETS } from './donations-command.ts';

/** Place before the subscriber composer: it takes `/start donate_<channelId>` and leaves other payloads to it. */
export const donations = (services: BotServices): Composer<BotContext> => new Composer<BotContext>(donationsCommand(services), donorFlow(services));

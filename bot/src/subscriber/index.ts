// Subscribers: the share link's offer, buying a plan, their subscriptions, help.
import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import type { BotServices } from '../services.ts';
import { purchase } from './purchase.ts';
import { startAndHelp } from './start-and-help.ts';
import { subscriptions } from './subscriptions.ts';

export * from './invoice-id.ts';
export { sendOffer } from './offer.ts';

export const subscriber = (services: BotServices): Composer<BotContext> =>
  new Composer<BotContext>(startAndHelp(services), purchase(services), subscriptions(services));

// Owner setup: channel registration, tiers, payout settings — all by the channel's admin only.
import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import type { BotServices } from '../services.ts';
import { channelMenu } from './channel-menu.ts';
import { payoutCommands } from './payout-commands.ts';
import { registration } from './registration.ts';
import { tierCommands } from './tier-commands.ts';

export * from './chat-admins.ts';
export * from './tier-input.ts';
export { registration } from './registration.ts';

export const ownerSetup = (services: BotServices): Composer<BotContext> =>
  new Composer<BotContext>(registration(services), tierCommands(services), channelMenu(services), payoutCommands(services));

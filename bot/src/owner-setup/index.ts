// Owner setup: channel registration and claims by the chat's creator, the owner's admin status, tiers, payout settings, balances, the dashboard login link.
import { Composer } from 'grammy';
import type { BotContext } from '../context.ts';
import type { BotServices } from '../services.ts';
import { balanceCommand } from './balance-command.ts';
import { channelMenu } from './channel-menu.ts';
import { claimCommand } from './claim.ts';
import { dashboardCommand } from './dashboard-command.ts';
import { ownerStatus } from './owner-status.ts';
import { payoutCommands } from './payout-commands.ts';
import { registration } from './registration.ts';
import { tierCommands } from './tier-commands.ts';

export * from './chat-admins.ts';
export * from './tier-input.ts';
export { registration } from './registration.ts';

export const ownerSetup = (services: BotServices): Composer<BotContext> =>
  new Composer<BotContext>(
    registration(services),
    ownerStatus(services),
    claimCommand(services),
    tierCommands(services),
    channelMenu(services),
    payoutCommands(services),
    balanceCommand(services),
    dashboardCommand(services),
  );

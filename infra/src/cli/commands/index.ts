import type { Command } from '../command.ts';
import { createCommandRegistry, type CommandRegistry } from '../registry.ts';
import { migrateCommand } from './migrate.ts';
import { startCommand } from './start.ts';
import { channelRegisterCommand } from './channel-register.ts';
import { eventsCommand } from './events.ts';
import { invoiceCreateCommand } from './invoice-create.ts';
import { sandboxPayCommand } from './sandbox-pay.ts';
import { sandboxTelegramCommand } from './sandbox-telegram.ts';
import { sandboxWalletCommand } from './sandbox-wallet.ts';
import { tierSetCommand } from './tier-set.ts';
import { paymentsHeldCommand } from './payments-held.ts';
import { paymentsPaidTwiceCommand } from './payments-paid-twice.ts';
import { paymentsExceptionsCommand } from './payments-exceptions.ts';
import { paymentsExceptionsAttachCommand } from './payments-exceptions-attach.ts';
import { paymentsExceptionsCloseCommand } from './payments-exceptions-close.ts';
import { paymentsRejectCommand, paymentsReleaseCommand } from './payments-review.ts';
import { payoutsListCommand } from './payouts-list.ts';
import { payoutsShowCommand } from './payouts-show.ts';
import { balancesCommand } from './balances.ts';
import { ledgerCheckCommand } from './ledger-check.ts';
import { auditVerifyCommand } from './audit-verify.ts';
import { auditAnchorCommand } from './audit-anchor.ts';
import { auditExportCommand } from './audit-export.ts';
import { replayCommand } from './replay.ts';
import { payoutSettingsSetCommand } from './payout-settings-set.ts';
import { payoutsRetryCommand } from './payouts-retry.ts';
import { dashboardKeygenCommand } from './dashboard-keygen.ts';
import { dashboardLinkCommand } from './dashboard-link.ts';
import { dashboardLogoutCommand } from './dashboard-logout.ts';
import { deadLettersListCommand } from './dead-letters-list.ts';
import { deadLettersShowCommand } from './dead-letters-show.ts';
import { deadLettersReplayCommand } from './dead-letters-replay.ts';
import { deadLettersDiscardCommand } from './dead-letters-discard.ts';

/** The commands `paygate` ships. Add one file per command in this folder and list it here. */
export const BUILT_IN_COMMANDS: readonly Command[] = [
  startCommand,
  migrateCommand,
  channelRegisterCommand,
  tierSetCommand,
  payoutSettingsSetCommand,
  invoiceCreateCommand,
  sandboxPayCommand,
  sandboxTelegramCommand,
  sandboxWalletCommand,
  eventsCommand,
  paymentsHeldCommand,
  paymentsReleaseCommand,
  paymentsRejectCommand,
  paymentsPaidTwiceCommand,
  paymentsExceptionsCommand,
  paymentsExceptionsAttachCommand,
  paymentsExceptionsCloseCommand,
  payoutsListCommand,
  payoutsShowCommand,
  payoutsRetryCommand,
  dashboardLinkCommand,
  dashboardLogoutCommand,
  dashboardKeygenCommand,
  balancesCommand,
  ledgerCheckCommand,
  auditVerifyCommand,
  auditAnchorCommand,
  auditExportCommand,
  replayCommand,
  deadLettersListCommand,
  deadLettersShowCommand,
  deadLettersReplayCommand,
  deadLettersDiscardCommand,
];

export const createDefaultCommandRegistry = (): CommandRegistry => createCommandRegistry(BUILT_IN_COMMANDS);

export { startCommand, migrateCommand, channelRegisterCommand, tierSetCommand, invoiceCreateCommand, sandboxPayCommand, sandboxTelegramCommand, eventsCommand, paymentsHeldCommand, paymentsReleaseCommand, paymentsRejectCommand, paymentsPaidTwiceCommand, payoutsListCommand, payoutsShowCommand, balancesCommand, ledgerCheckCommand };

import type { DomainCommand } from '../decider/decider.ts';
import type { Money } from '../money/index.ts';

/**
 * Enables donations for a channel or changes them. `ownerId`: the channel's owner as the handler
 * read it from the channel stream, or null when the channel is not registered. `enabled: false`
 * pauses donations (no new donation invoices) and keeps the presets.
 */
export type ConfigureDonations = DomainCommand<
  'ConfigureDonations',
  { channelId: string; ownerId: string | null; requestedBy: string; presets: readonly Money[]; postInPublic: boolean; enabled: boolean; configuredAt: string }
>;

/** Records where the bot posted the Donate message in a chat (after it posted it). */
export type RecordDonationMessage = DomainCommand<
  'RecordDonationMessage',
  { channelId: string; chatId: string; messageId: number; postedAt: string }
>;

export type DonationsCommand = ConfigureDonations | RecordDonationMessage;

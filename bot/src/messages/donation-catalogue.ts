import type { Money } from '@paygate/domain';

/** The donation settings as the owner sees them (`/donations`). */
export type DonationStatusText = {
  channelTitle: string;
  /** Undefined: the owner never enabled donations. */
  enabled?: boolean;
  presets: readonly Money[];
  postInPublic: boolean;
  /** The linked public channel's title, if any. */
  publicChannel?: string;
  /** How many chats hold the Donate message. */
  postedIn: number;
};

/** The donation texts' keys and parameters (see bot-catalogue.ts). */
export type DonationMessageParams = {
  donationsUnavailable: Record<string, never>;
  donationsUsage: { reason?: string };
  donationsStatus: DonationStatusText;
  /** After a change: the new settings, and chats where the Donate message could not be pinned. */
  donationsUpdated: DonationStatusText & { unpinned: number };
  /** The message the bot posts and pins in the channel. */
  donationChannelPost: { channelTitle: string; presets: readonly Money[] };
  donationChannelPaused: { channelTitle: string };
  donateButton: Record<string, never>;
  // Donors.
  donationsClosed: { channelTitle: string };
  donationPick: { channelTitle: string };
  donationPresetButton: { amount: Money };
  donationOtherButton: Record<string, never>;
  donationAskAmount: { channelTitle: string; min: Money; max: Money };
  /** A typed amount refused; `reason` is the domain's message (the limit it breaks). */
  donationAmountInvalid: { reason: string };
  donationAskName: { channelTitle: string; amount: Money };
  donationShowNameButton: Record<string, never>;
  donationAnonymousButton: Record<string, never>;
  donationInvoiceReady: { channelTitle: string; amount: Money; showName: boolean; invoiceId: string };
};

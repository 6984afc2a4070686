import type { Money } from '@paygate/domain';
import type { BotCommandResult } from './deps.ts';

// The ports of the owners' later features (donations, broadcasts), kept apart from deps.ts's core.

/** A donation's terms as the donor chose them; `amount` in the channel's price currency (USD). */
export type DonationPort = {
  /**
   * Records the donation invoice (DonationInvoiceCreated) and its NOWPayments payment page;
   * idempotent for a given invoiceId. Errors: validation (amount outside the limits or with too
   * many decimals; the message says which), not_found (channel), like createInvoice otherwise.
   */
  createDonationInvoice(input: {
    invoiceId: string;
    channelId: string;
    donorId: string;
    amount: Money;
    /** The donor allowed the owner to see their name; `donorName` is then shown, otherwise never stored. */
    showName: boolean;
    donorName?: string;
  }): Promise<{ invoiceId: string; invoiceUrl: string; amount: Money }>;
  /** The channel's donation settings (presets, where the Donate message is posted), undefined until the owner enabled donations. */
  donationSettings(channelId: string): Promise<BotDonationSettings | undefined>;
  /**
   * Enables donations or changes their presets (DonationsConfigured); `[]` when unchanged.
   * `enabled: false` (the owner's `/donations off`) pauses them, keeping the presets; absent means true.
   */
  configureDonations(input: { channelId: string; requestedBy: string; presets: readonly Money[]; postInPublic: boolean; enabled?: boolean }): Promise<BotCommandResult>;
  /** Where the bot posted the Donate message (DonationMessagePosted); the bot re-posts and re-pins it when it is gone. */
  recordDonationMessage(input: { channelId: string; chatId: string; messageId: number }): Promise<BotCommandResult>;
};

export type BotDonationSettings = {
  presets: readonly Money[];
  /** False while the owner paused donations (no new donation invoices); absent means true. */
  enabled?: boolean;
  postInPublic: boolean;
  /** The Donate messages the bot posted, per chat: edited in place, re-posted when gone. */
  messages: readonly { chatId: string; messageId: number }[];
};

/** When a broadcast goes out: now (with a cooldown), once at a time, or daily/weekly at a local time. */
export type BotBroadcastSchedule =
  | { kind: 'now' }
  | { kind: 'once'; at: string }
  | { kind: 'daily'; time: string; timeZone: string }
  | { kind: 'weekly'; weekday: number; time: string; timeZone: string };

export type BotBroadcast = {
  broadcastId: string;
  channelId: string;
  audience: 'public_channel' | 'subscribers';
  html: string;
  photo?: string;
  tierButtons: boolean;
  status: 'draft' | 'scheduled' | 'cancelled' | 'done';
  schedule?: BotBroadcastSchedule;
  /** ISO: the next occurrence, when scheduled. */
  nextAt?: string;
};

/**
 * Broadcasts (owner messages to the linked public channel or to the channel's active
 * subscribers). Commands answer with the events they appended; a send-now inside the cooldown is
 * PayGateError('rate_limited') with `details.retryAfterSeconds`.
 */
export type BroadcastPort = {
  /** PublicChannelLinked: the owner (admin of `publicChatId`, checked fresh by the bot) links a public channel to the paid one. */
  linkPublicChannel(input: { channelId: string; requestedBy: string; publicChatId: string; title: string; username?: string }): Promise<BotCommandResult>;
  unlinkPublicChannel(input: { channelId: string; requestedBy: string }): Promise<BotCommandResult>;
  /** The public channel linked to a paid one, if any. */
  publicChannelOf(channelId: string): Promise<{ chatId: string; title: string; username?: string } | undefined>;
  /** The paid channel a public chat is linked to, if any (the bot must not register it as a paid channel). */
  channelLinkedTo(publicChatId: string): Promise<string | undefined>;
  draftBroadcast(input: {
    broadcastId: string;
    channelId: string;
    requestedBy: string;
    audience: 'public_channel' | 'subscribers';
    html: string;
    photo?: string;
    tierButtons: boolean;
  }): Promise<BotCommandResult>;
  scheduleBroadcast(input: { broadcastId: string; channelId: string; requestedBy: string; schedule: BotBroadcastSchedule }): Promise<BotCommandResult>;
  cancelBroadcast(input: { broadcastId: string; channelId: string; requestedBy: string }): Promise<BotCommandResult>;
  broadcast(channelId: string, broadcastId: string): Promise<BotBroadcast | undefined>;
  broadcastsOf(channelId: string): Promise<readonly BotBroadcast[]>;
  /** A subscriber stops (or resumes) owner messages of one channel. */
  setBroadcastOptOut(input: { channelId: string; subscriberId: string; optedOut: boolean }): Promise<BotCommandResult>;
};

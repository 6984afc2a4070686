import type { Money } from '@paygate/domain';

/**
 * What the bot needs from the rest of PayGate, as a plain object the composition root (infra)
 * fills in. The shapes are structural, so the command handlers of @paygate/commands fit as they
 * are and the bot depends on the domain only.
 */
export type BotTier = { tierId: string; name: string; price: Money; durationDays: number; retired: boolean };

export type BotChannel = { channelId: string; chatId: string; ownerId: string; title: string; tiers: readonly BotTier[] };

/** A subscription as the subscriber sees it (helper read model: subscriptions of a user). */
export type BotSubscription = {
  channelId: string;
  channelTitle: string;
  tierId: string;
  tierName?: string;
  /** ISO timestamp. */
  endsAt: string;
  active: boolean;
};

export type ChannelPort = {
  registerChannel(input: { channelId: string; chatId: string; ownerId: string; title: string }): Promise<unknown>;
  priceTier(input: { channelId: string; tierId: string; name: string; price: Money; durationDays: number }): Promise<unknown>;
  retireTier(input: { channelId: string; tierId: string }): Promise<unknown>;
};

export type InvoicePort = {
  /** Idempotent for a given invoiceId: the same id returns the same invoice and payment page. */
  createInvoice(input: { channelId: string; tierId: string; subscriberId: string; invoiceId?: string }): Promise<{
    invoiceId: string;
    invoiceUrl: string;
    price: Money;
    durationDays: number;
  }>;
};

export type PayoutSettingsPort = {
  setPayoutWallet(input: { channelId: string; requestedBy: string; address: string; network: string; currency: string }): Promise<unknown>;
  choosePayoutStrategy(input: { channelId: string; requestedBy: string; strategy: 'instant' | 'threshold'; threshold?: Money }): Promise<unknown>;
};

export type BotQueries = {
  /** The channel with all its tiers (retired ones too); read it consistently (from its stream) where possible. */
  channel(channelId: string): Promise<BotChannel | undefined>;
  channelsOwnedBy(ownerId: string): Promise<readonly BotChannel[]>;
  /** The channel registered for a Telegram chat, for channels whose id is not the bot's own code (registered by CLI). */
  channelByChat?(chatId: string): Promise<BotChannel | undefined>;
  /** Absent until the subscriptions read model exists; `/subscriptions` then says so. */
  subscriptionsOf?(subscriberId: string): Promise<readonly BotSubscription[]>;
};

/**
 * The access manager's entry points (join requests and joins it must judge). The bot maps the
 * Telegram chat to its PayGate channel and passes what Telegram said; the manager decides.
 */
export type AccessPort = {
  handleJoinRequest(input: { channelId: string; userId: string; inviteLink: string; linkName?: string }): Promise<unknown>;
  handleMemberJoined(input: { channelId: string; userId: string; inviteLink?: string; createdByBot: boolean }): Promise<unknown>;
};

/** Where a chat that refused our messages (403: blocked, deactivated) is written down. */
export type BlockedChatsPort = {
  blocked(input: { chatId: string; reason: string; at: string }): Promise<void>;
  /** The user wrote to the bot again, so they can be reached. */
  reachable(chatId: string): Promise<void>;
};

type LogFn = (object: object, message?: string) => void;
export type BotLogger = { debug: LogFn; info: LogFn; warn: LogFn; error: LogFn };

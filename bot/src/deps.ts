import type { Money } from '@paygate/domain';

/**
 * What the bot needs from the rest of PayGate, as a plain object the composition root (infra)
 * fills in. The shapes are structural, so the command handlers of @paygate/commands fit as they
 * are and the bot depends on the domain only.
 */
export type BotTier = { tierId: string; name: string; price: Money; durationDays: number; retired: boolean };

export type BotChannel = {
  channelId: string;
  chatId: string;
  /** The owner of record: the chat's creator (or whoever registered it before the creator claimed it). */
  ownerId: string;
  title: string;
  tiers: readonly BotTier[];
  /** True while payouts are held because the owner is not an administrator of the chat. */
  payoutsHeld?: boolean;
};

/** An event a command appended, as the bot reads it to choose its answer. */
export type BotEvent = { type: string; data: unknown };
export type BotCommandResult = { events: readonly BotEvent[] };

/** A user's status in a chat, as Telegram says it; `not_admin`: absent from getChatAdministrators. */
export type OwnerChatStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked' | 'not_admin';

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
  /** `creatorId`: the chat's creator from a fresh lookup; the registration is refused (forbidden) unless it is the owner. */
  registerChannel(input: { channelId: string; chatId: string; ownerId: string; title: string; creatorId: string | null }): Promise<unknown>;
  priceTier(input: { channelId: string; tierId: string; name: string; price: Money; durationDays: number }): Promise<unknown>;
  retireTier(input: { channelId: string; tierId: string }): Promise<unknown>;
  /** The creator takes the channel over (ChannelOwnershipClaimed); `creatorId` from a fresh lookup. Errors: forbidden, not_found. */
  claimOwnership(input: { channelId: string; claimantId: string; creatorId: string | null }): Promise<BotCommandResult>;
  /** What Telegram said about a user in the channel; for its owner it holds or resumes payouts. */
  recordOwnerStatus(input: { channelId: string; userId: string; status: OwnerChatStatus }): Promise<BotCommandResult>;
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

/** The wallet settings as the owner sees them: in effect now, and a change waiting out its hold. */
export type BotPayoutWallets = {
  wallet: { address: string; network: string; currency: string; ownerId: string } | null;
  pendingChange: { changeNumber: number; wallet: { address: string; network: string; currency: string }; effectiveAt: string } | null;
};

export type PayoutSettingsPort = {
  /** PayoutWalletSet (first wallet, at once) or PayoutWalletChangeRequested (a change, after the hold); `[]` when unchanged. */
  setPayoutWallet(input: { channelId: string; requestedBy: string; address: string; network: string; currency: string }): Promise<BotCommandResult>;
  /** PayoutWalletChangeCancelled, `[]` when already cancelled; conflict with `details.reason` 'in_effect' | 'replaced'. */
  cancelPayoutWalletChange(input: { channelId: string; requestedBy: string; changeNumber: number }): Promise<BotCommandResult>;
  payoutSettingsFor(channelId: string): Promise<BotPayoutWallets>;
  choosePayoutStrategy(input: { channelId: string; requestedBy: string; strategy: 'instant' | 'threshold'; threshold?: Money }): Promise<unknown>;
};

/** Where a payout stands, as the owner is told: `held` waits for the owner (wallet, admin rights). */
export type BotPayoutStatus = 'running' | 'held' | 'failed' | 'sent';

export type OwnerBalancesPort = {
  /** Per channel the owner owns and currency: what is waiting (pending, of which in a payout now) and paid out, as exact decimal strings with the currency code. */
  balancesOf(ownerId: string, channelId?: string): Promise<readonly { channelId: string; currency: string; pending: string; inPayout: string; paidOut: string }[]>;
  /** The owner's most recent payouts (newest first, at most `limit`). */
  recentPayouts(
    ownerId: string,
    limit: number,
    channelId?: string,
  ): Promise<
    readonly {
      payoutId: string;
      channelId: string;
      status: BotPayoutStatus;
      amount: string;
      currency: string;
      received?: string;
      receivedCurrency?: string;
      payoutHash?: string;
      updatedAt: string;
    }[]
  >;
};

/** The web dashboard's one-time login links (`/dashboard`). */
export type DashboardLinkPort = {
  /** A one-time login link for the Telegram user, `<public URL>/dashboard/login?token=…`; `expiresAt` ISO, minutes away. */
  issueDashboardLink(ownerId: string): Promise<{ url: string; expiresAt: string }>;
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


export type * from './owner-ports.ts';

import type { Money } from '@paygate/domain';
import type { BotPayoutStatus } from '../deps.ts';
import type { BroadcastMessageParams } from './broadcast-catalogue.ts';
import type { DonationMessageParams } from './donation-catalogue.ts';

/** Commands listed in Telegram's command menu (setMyCommands). */
export const BOT_MENU_COMMANDS = ['start', 'subscriptions', 'channels', 'addtier', 'broadcast', 'donations', 'dashboard', 'help'] as const;
export type BotMenuCommand = (typeof BOT_MENU_COMMANDS)[number];

/** What one channel holds in one currency: exact decimal strings. */
export type BalanceText = { channelTitle: string; currency: string; pending: string; inPayout: string; paidOut: string };

/** One payout as listed; `reference`: the payout transaction, as an explorer link or its hash shortened. */
export type PayoutText = {
  channelTitle: string;
  status: BotPayoutStatus;
  amount: string;
  currency: string;
  received?: string;
  receivedCurrency?: string;
  reference?: string;
  updatedAt: string;
};

/** A tier as shown in lists and buttons. */
export type TierText = { name: string; price: Money; durationDays: number };

/** Admin rights the bot needs in a channel: invite (one-time links, join requests) and restrict (remove expired members). */
export type MissingRight = 'invite' | 'restrict';

/**
 * Every text the bot writes, by key, with its parameters. Like the domain catalogue, a locale
 * is one object of this type, so tsc lists what a translation misses. Texts are plain (no parse
 * mode): channel titles and tier names need no escaping.
 */
export type CoreMessageParams = {
  help: { ownsSeveralChannels: boolean };
  /** The short description Telegram shows in the command menu. */
  commandDescription: { command: BotMenuCommand };
  welcome: { firstName?: string };
  unknownChannel: { code: string };
  channelOffer: { channelTitle: string; tiers: readonly TierText[] };
  channelHasNoTiers: { channelTitle: string };
  tierButton: TierText;
  tierUnavailable: { channelTitle: string };
  invoiceReady: { channelTitle: string; tier: TierText; invoiceId: string };
  payButton: { price: Money };
  invoiceNotReady: Record<string, never>;
  retryButton: Record<string, never>;
  rateLimited: { retryAfterSeconds: number };
  /** Invoices for all users together are at their cap: nobody's fault, try again shortly. */
  invoicesBusy: { retryAfterSeconds: number };
  subscriptionsNone: Record<string, never>;
  subscriptionsList: { subscriptions: readonly { channelTitle: string; tierName?: string; endsAt: string; active: boolean }[]; now: Date };
  subscriptionsUnavailable: Record<string, never>;
  renewButton: { channelTitle: string };
  // Owners.
  channelRegistered: { channelTitle: string; shareLink: string; publicUsername?: string };
  channelAlreadyYours: { channelTitle: string; shareLink: string };
  channelOwnedByOther: { channelTitle: string };
  missingRights: { channelTitle: string; missing: readonly MissingRight[] };
  notAChannel: { chatTitle: string };
  notChatAdmin: { channelTitle: string };
  notChannelOwner: { channelTitle: string };
  botRemoved: { channelTitle: string };
  ownerNoChannels: Record<string, never>;
  ownerChannels: { channels: readonly { title: string; tierCount: number }[] };
  channelButton: { channelTitle: string };
  chooseChannel: { command: string; codes: readonly { code: string; title: string }[] };
  channelMenu: { channelTitle: string; shareLink: string; channelCode: string; tiers: readonly (TierText & { tierId: string; retired: boolean })[]; multiple: boolean };
  tiersButton: Record<string, never>;
  retireTierButton: { name: string };
  confirmRetire: { name: string; channelTitle: string };
  confirmButton: Record<string, never>;
  cancelButton: Record<string, never>;
  cancelled: Record<string, never>;
  tierAdded: { channelTitle: string; tier: TierText; shareLink: string };
  tierChanged: { channelTitle: string; tier: TierText };
  tierUnchanged: { name: string };
  tierRetired: { channelTitle: string; name: string };
  tierExists: { name: string; command: string };
  tierNotFound: { name: string; known: readonly string[] };
  tierIsRetired: { name: string };
  usage: { command: 'addtier' | 'setprice' | 'setduration' | 'retiretier' | 'wallet' | 'payout' | 'balance' };
  invalidPrice: { text: string };
  invalidDuration: { text: string; max: number };
  invalidName: { max: number };
  walletSet: { channelTitle: string; address: string; network: string; currency: string };
  payoutInstant: { channelTitle: string };
  payoutThreshold: { channelTitle: string; threshold: Money };
  payoutSettingsUnavailable: Record<string, never>;
  // What the owner has earned: waiting, in a payout, paid out, and the latest payouts.
  balanceReport: { balances: readonly BalanceText[]; payouts: readonly PayoutText[] };
  balanceNone: { channelTitle?: string };
  balancesUnavailable: Record<string, never>;
  // The web dashboard: a one-time login link (`/dashboard`).
  dashboardLink: { url: string; expiresAt: string; now: Date; ownsChannels: boolean };
  dashboardUnavailable: Record<string, never>;
  // Ownership (the chat's creator is the owner of record) and the payout hold.
  onlyCreatorRegisters: { channelTitle: string; channelCode: string };
  onlyCreatorClaims: { channelTitle: string };
  claimUsage: Record<string, never>;
  claimNeedsBot: { channelCode: string };
  channelClaimed: { channelTitle: string; shareLink: string };
  channelClaimedFromYou: { channelTitle: string };
  creatorCanClaim: { channelTitle: string; channelCode: string };
  ownerLostAdmin: { channelTitle: string };
  ownerAdminAgain: { channelTitle: string };
  // Payout wallet changes wait out a hold and can be cancelled until then.
  walletChangeRequested: { channelTitle: string; address: string; network: string; currency: string; effectiveAt: string; now: Date; cancelCommand: string };
  cancelWalletChangeButton: Record<string, never>;
  walletChangeCancelled: { channelTitle: string };
  walletChangeAlreadyCancelled: { channelTitle: string };
  walletChangeTooLate: { channelTitle: string };
  walletChangeReplaced: { channelTitle: string };
  noPendingWalletChange: { channelTitle: string };
  walletStatus: {
    channelTitle: string;
    wallet?: { address: string; network: string; currency: string };
    pending?: { address: string; network: string; currency: string; effectiveAt: string };
    now: Date;
  };
  invalidInput: { reason: string };
  somethingWentWrong: { errorId: string };
  serviceUnavailable: Record<string, never>;
};

/** Each feature keeps its texts in its own files (donation-*.ts, broadcast-*.ts); the catalogue is their union. */
export type BotMessageParams = CoreMessageParams & DonationMessageParams & BroadcastMessageParams;

export type BotMessageKey = keyof BotMessageParams;

export type BotMessageCatalogue = { readonly [Key in BotMessageKey]: (params: BotMessageParams[Key]) => string };

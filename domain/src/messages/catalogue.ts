import type { Money, MoneyJson } from '../money/index.ts';

/**
 * Every user-facing text, by key, with its parameters. A locale is one object implementing
 * this type, so a translation cannot miss a text or a parameter (tsc checks it). Texts are plain
 * (no parse mode): channel titles and names need no escaping.
 */
export type MessageParams = {
  /** DM to a subscriber: the one-time link to join (or rejoin) after a payment. */
  inviteLink: { channelTitle: string; inviteLink: string; linkExpiresAt: string; endsAt: string; renewal: boolean; now: Date };
  /** The label of the button carrying the invite link. */
  joinButton: { channelTitle: string };
  /** DM to a subscriber some days before the end of their period. */
  expiryReminder: { channelTitle: string; endsAt: string; now: Date; renewHint: RenewHint };
  /** DM to a subscriber once access has ended. */
  accessEnded: { channelTitle: string; endedAt: string; renewHint: RenewHint };
  /** DM to someone whose join request used a link that was not issued to them (or is no longer valid). */
  joinRequestDeclined: { channelTitle: string; renewHint: RenewHint };
  /** To the owner: a new subscriber. */
  ownerNewSubscriber: { channelTitle: string; subscriberId: string; endsAt: string; now: Date };
  /** To the owner: a subscriber renewed. */
  ownerRenewal: { channelTitle: string; subscriberId: string; endsAt: string; now: Date };
  /** To the owner: a payout reached their wallet; `explorerUrl` links the transaction when one is configured. */
  ownerPayoutSent: { channelTitle: string; received: Money | MoneyJson; payoutHash: string; explorerUrl?: string };
  /** To the owner: a payout waits for the operator. */
  ownerPayoutHeld: { channelTitle: string; amount: Money | MoneyJson; reason: string };
  /** To the owner: a payment was received. */
  ownerPaymentReceived: { channelTitle: string; subscriberId: string; price: Money | MoneyJson; outcome: Money | MoneyJson; invoiceId: string };
  /** To the owner: a donation was received; `donorName` only when the donor allowed the owner to see it. */
  ownerDonationReceived: { channelTitle: string; amount: Money | MoneyJson; outcome: Money | MoneyJson; donorName?: string };
  /** To the owner: a donation was refunded; `granted`: it had been counted (its split is reversed). Never names the donor unless they allowed it. */
  ownerDonationRefunded: { channelTitle: string; amount: Money | MoneyJson; granted: boolean; donorName?: string };
  /** To the owner: a donation arrived short of its amount and was not counted. Never names the donor unless they allowed it. */
  ownerDonationUnderpaid: { channelTitle: string; amount: Money | MoneyJson; actuallyPaid: string; payAmount?: string; payCurrency: string; donorName?: string };
  /** DM to a donor once their donation arrived. */
  donorThanks: { channelTitle: string; amount: Money | MoneyJson };
  /** DM to a subscriber whose payment was refunded: what became of the access it bought (docs/payments.md). */
  accessRefunded: { channelTitle: string; effect: 'shortened' | 'revoked' | 'ended' | 'not_granted'; endsAt?: string; now: Date; renewHint: RenewHint };
  /** To the owner: a payment was refunded; `granted`: it had bought access (taken back) and its split is reversed. */
  ownerPaymentRefunded: { channelTitle: string; subscriberId: string; invoiceId: string; granted: boolean };
  /** To the owner: a payment arrived short of the price; no access was granted. */
  ownerPaymentUnderpaid: {
    channelTitle: string;
    subscriberId: string;
    price: Money | MoneyJson;
    actuallyPaid: string;
    payAmount?: string;
    payCurrency: string;
    invoiceId: string;
  };
};

/** How a subscriber comes back: a deep link to the bot when its username is known, else the command. */
export type RenewHint = { botUsername?: string; channelId: string };

export type MessageKey = keyof MessageParams;

export type MessageCatalogue = { readonly [Key in MessageKey]: (params: MessageParams[Key]) => string };

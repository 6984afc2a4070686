import type { TierSnapshot } from '../channel/channel-state.ts';
import type { DomainCommand } from '../decider/decider.ts';
import type { Money, MoneyJson } from '../money/index.ts';

/**
 * Creates an invoice for one tier. The handler looks the tier up in the channel stream
 * (`findTier(channelState, tierId)`) and passes the snapshot, or `null` when the channel or tier
 * does not exist; the decider decides whether it can be bought.
 */
export type CreateInvoice = DomainCommand<
  'CreateInvoice',
  { invoiceId: string; channelId: string; tierId: string; subscriberId: string; tier: TierSnapshot | null; createdAt: string }
>;

/** Whether a channel takes donations, as its `donations-<channelId>` stream says. */
export type DonationsAcceptance = 'not_configured' | 'paused' | 'enabled';

/**
 * Creates a donation invoice: `amount` is checked against the donation limits. `channelRegistered`:
 * whether the handler found the channel registered; `donations`: what the channel's donation
 * settings (stream `donations-<channelId>`) say — never configured, paused by the owner, or
 * enabled (the only one that takes a donation). `donorName` is dropped unless `showName`.
 */
export type CreateDonationInvoice = DomainCommand<
  'CreateDonationInvoice',
  {
    invoiceId: string;
    channelId: string;
    donorId: string;
    amount: Money;
    showName: boolean;
    donorName?: string;
    channelRegistered: boolean;
    donations: DonationsAcceptance;
    createdAt: string;
  }
>;

/** Records the NOWPayments invoice made for it (after the gateway call succeeded). */
export type LinkInvoice = DomainCommand<
  'LinkInvoice',
  { invoiceId: string; providerInvoiceId: string; invoiceUrl: string; linkedAt: string }
>;

/**
 * Records that a payment paid the invoice, before that payment's grant is appended. The first
 * payment wins; for any other the command changes nothing, and the caller reads `paidBy` from
 * the stream to record its payment as a second one.
 */
export type RecordInvoicePayment = DomainCommand<
  'RecordInvoicePayment',
  { invoiceId: string; paymentId: string; actuallyPaid: MoneyJson; outcome: MoneyJson; paidAt: string }
>;

export type InvoiceCommand = CreateInvoice | CreateDonationInvoice | LinkInvoice | RecordInvoicePayment;

import * as v from 'valibot';
import { PAYOUT_STATUSES } from '@paygate/projections';
import { CountOut, MoneyOutSchema, pageOf, TimestampOut } from './primitives.ts';

// What payout-presenters.ts answers for payouts and balances.

export const PayoutTransferOutSchema = v.strictObject({
  hash: v.string(),
  nonce: CountOut,
  to: v.string(),
  replaces: v.nullable(v.string()),
  signedAt: TimestampOut,
});

/** `payoutOut`. */
export const PayoutOutSchema = v.strictObject({
  id: v.string(),
  channelId: v.string(),
  ownerId: v.nullable(v.string()),
  purpose: v.nullable(v.literal('conversion')),
  status: v.picklist(PAYOUT_STATUSES),
  statusReason: v.nullable(v.string()),
  amount: MoneyOutSchema,
  received: v.nullable(MoneyOutSchema),
  paymentIds: v.array(v.string()),
  wallet: v.nullable(v.strictObject({ address: v.string(), network: v.string(), currency: v.string() })),
  route: v.nullable(v.string()),
  rateId: v.nullable(v.string()),
  exchangeId: v.nullable(v.string()),
  payinAddress: v.nullable(v.string()),
  transfers: v.array(PayoutTransferOutSchema),
  executed: v.nullable(v.strictObject({ txHash: v.string(), blockNumber: CountOut })),
  payoutHash: v.nullable(v.string()),
  startedAt: TimestampOut,
  updatedAt: TimestampOut,
  sentAt: v.nullable(TimestampOut),
});

export const PayoutPageOutSchema = pageOf(PayoutOutSchema);

// received + convertedIn = fees + convertedOut + paidOut + pending, each in the balance's currency.
const amountEntries = {
  currency: v.string(),
  received: MoneyOutSchema,
  fees: MoneyOutSchema,
  pending: MoneyOutSchema,
  inPayout: MoneyOutSchema,
  paidOut: MoneyOutSchema,
  convertedIn: MoneyOutSchema,
  convertedOut: MoneyOutSchema,
};

/** `ownerBalanceOut`: an owner's balance over their channels in one currency (ownerId null: channels without one). */
export const OwnerBalanceOutSchema = v.strictObject({ ownerId: v.nullable(v.string()), channels: CountOut, ...amountEntries });

/** `channelBalanceOut`. */
export const ChannelBalanceOutSchema = v.strictObject({ channelId: v.string(), ownerId: v.nullable(v.string()), ...amountEntries });

/** `GET /balances`: per owner and currency (`items`), and per channel. */
export const BalancesOutSchema = v.strictObject({ items: v.array(OwnerBalanceOutSchema), channels: v.array(ChannelBalanceOutSchema) });

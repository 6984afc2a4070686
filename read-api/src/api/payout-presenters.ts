import type { ChannelBalanceView, OwnerBalanceView, PayoutView } from '@paygate/projections';
import { moneyOut, optionalMoneyOut } from './money-json.ts';

/** A payout as the API shows it: money as exact decimal strings, positions kept internal. */
export const payoutOut = (payout: PayoutView) => ({
  id: payout.payoutId,
  channelId: payout.channelId,
  /** Null for an owner payout's row before its start names the owner, and for a conversion. */
  ownerId: payout.ownerId,
  /** Null: a payout to an owner; `conversion`: pooled shares converted into the host wallet's stable coin. */
  purpose: payout.purpose,
  status: payout.status,
  statusReason: payout.statusReason,
  amount: moneyOut(payout.amount),
  received: optionalMoneyOut(payout.received),
  paymentIds: payout.paymentIds,
  wallet: payout.wallet,
  route: payout.route,
  rateId: payout.rateId,
  exchangeId: payout.exchangeId,
  payinAddress: payout.payinAddress,
  transfers: payout.transfers,
  executed: payout.executed,
  payoutHash: payout.payoutHash,
  startedAt: payout.startedAt,
  updatedAt: payout.updatedAt,
  sentAt: payout.sentAt,
});

const amountsOut = (balance: OwnerBalanceView | ChannelBalanceView) => ({
  currency: balance.currency,
  received: moneyOut(balance.received),
  fees: moneyOut(balance.fees),
  pending: moneyOut(balance.pending),
  inPayout: moneyOut(balance.inPayout),
  paidOut: moneyOut(balance.paidOut),
  /** Stable coin allocated to this balance from conversions, and shares that left in a conversion. */
  convertedIn: moneyOut(balance.convertedIn),
  convertedOut: moneyOut(balance.convertedOut),
});

export const ownerBalanceOut = (balance: OwnerBalanceView) => ({ ownerId: balance.ownerId, channels: balance.channels, ...amountsOut(balance) });

export const channelBalanceOut = (balance: ChannelBalanceView) => ({ channelId: balance.channelId, ownerId: balance.ownerId, ...amountsOut(balance) });

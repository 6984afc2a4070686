import type { OwnerBalancesPort } from '@paygate/bot';
import { formatMoney } from '@paygate/domain';
import { listChannelBalances, listPayouts, type AnyKysely } from '@paygate/projections';

/** The bot's `/balance` reads: the balances and payouts read models, scoped to the owner in the query. */
export const createOwnerBalances = (db: AnyKysely, schema: string): OwnerBalancesPort => ({
  async balancesOf(ownerId, channelId) {
    const rows = await listChannelBalances(db, schema, { ownerId, ...(channelId === undefined ? {} : { channelId }) });
    return rows.map((row) => ({
      channelId: row.channelId,
      currency: row.currency,
      pending: formatMoney(row.pending),
      inPayout: formatMoney(row.inPayout),
      paidOut: formatMoney(row.paidOut),
    }));
  },
  async recentPayouts(ownerId, limit, channelId) {
    const { items } = await listPayouts(db, schema, { ownerId, limit, ...(channelId === undefined ? {} : { channelId }) });
    return items.map((payout) => ({
      payoutId: payout.payoutId,
      channelId: payout.channelId,
      status: payout.status,
      amount: formatMoney(payout.amount),
      currency: payout.amount.currency,
      ...(payout.received ? { received: formatMoney(payout.received), receivedCurrency: payout.received.currency } : {}),
      ...(payout.payoutHash ? { payoutHash: payout.payoutHash } : {}),
      updatedAt: payout.updatedAt,
    }));
  },
});

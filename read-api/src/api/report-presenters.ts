import type { ChannelSummaryView, RevenuePoint, SubscriberView } from '@paygate/projections';
import { moneyOut } from './money-json.ts';
import { channelOut } from './presenters.ts';

export const channelSummaryOut = (channel: ChannelSummaryView) => ({
  ...channelOut(channel),
  activeSubscribers: channel.activeSubscribers,
  subscribers: channel.subscribers,
});

export const subscriberOut = (subscriber: SubscriberView) => ({
  channelId: subscriber.channelId,
  channelTitle: subscriber.channelTitle,
  subscriberId: subscriber.subscriberId,
  tierId: subscriber.tierId,
  tierName: subscriber.tierName,
  status: subscriber.status,
  startsAt: subscriber.startsAt,
  endsAt: subscriber.endsAt,
  joinedAt: subscriber.joinedAt,
});

/** One bucket of one currency; amounts exact (decimal strings and minor units). */
export const revenuePointOut = (point: RevenuePoint) => {
  const money = (amount: bigint) => moneyOut({ amount, currency: point.currency, decimals: point.decimals });
  return {
    periodStart: point.periodStart,
    currency: point.currency,
    payments: point.payments,
    gross: money(point.gross),
    fees: money(point.fees),
    ownerShare: money(point.ownerShare),
  };
};

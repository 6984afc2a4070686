import type { ChannelView, SubscriptionView } from '@paygate/projections';

// Structural copies of the dashboard read-model views the shared plan names, so the pages build
// before @paygate/projections exports them; the projections' own types are assignable to these.

/** A channel with its tiers and how many subscribers it has (active ones and all). */
export type ChannelSummaryView = ChannelView & { activeSubscribers: number; subscribers: number };

/** A subscription with the names the tables show. */
export type SubscriberView = SubscriptionView & { channelTitle: string; tierName: string | null };

export type RevenueInterval = 'day' | 'week' | 'month';

export const REVENUE_INTERVALS: readonly RevenueInterval[] = ['day', 'week', 'month'];

/** Revenue of one UTC bucket in one currency; amounts in minor units (gross = fees + ownerShare). */
export type RevenuePoint = {
  periodStart: string;
  currency: string;
  decimals: number;
  payments: number;
  gross: bigint;
  fees: bigint;
  ownerShare: bigint;
};

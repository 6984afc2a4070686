import * as v from 'valibot';
import { REVENUE_INTERVALS } from '@paygate/projections';
import { CountOut, MoneyOutSchema, pageOf, TimestampOut } from './primitives.ts';

// What presenters.ts (`channelOut`) and report-presenters.ts answer for channels, subscribers and revenue.

export const TierOutSchema = v.strictObject({
  id: v.string(),
  name: v.string(),
  price: MoneyOutSchema,
  durationDays: CountOut,
  firstPricedAt: TimestampOut,
  pricedAt: TimestampOut,
  retired: v.boolean(),
  retiredAt: v.nullable(TimestampOut),
});

const channelEntries = {
  id: v.string(),
  chatId: v.string(),
  ownerId: v.string(),
  title: v.string(),
  registeredAt: TimestampOut,
  tiers: v.array(TierOutSchema),
};

/** `channelOut`: a channel with every tier it priced (retired ones flagged). */
export const ChannelOutSchema = v.strictObject(channelEntries);

/** `channelSummaryOut`: the channel with its subscriber counts. */
export const ChannelSummaryOutSchema = v.strictObject({ ...channelEntries, activeSubscribers: CountOut, subscribers: CountOut });

export const ChannelPageOutSchema = pageOf(ChannelSummaryOutSchema);

/** `subscriberOut`: one subscription with its channel's title and its tier's name. */
export const SubscriberOutSchema = v.strictObject({
  channelId: v.string(),
  channelTitle: v.string(),
  subscriberId: v.string(),
  tierId: v.string(),
  tierName: v.nullable(v.string()),
  status: v.picklist(['active', 'expired']),
  startsAt: TimestampOut,
  endsAt: TimestampOut,
  joinedAt: v.nullable(TimestampOut),
});

export const SubscriberPageOutSchema = pageOf(SubscriberOutSchema);

/** `revenuePointOut`: one bucket of one currency; sums exact, in that currency. */
export const RevenuePointOutSchema = v.strictObject({
  periodStart: TimestampOut,
  currency: v.string(),
  payments: CountOut,
  gross: MoneyOutSchema,
  fees: MoneyOutSchema,
  ownerShare: MoneyOutSchema,
});

/** `GET /revenue`: `from` inclusive, `to` exclusive; only non-empty buckets, by period start then currency. */
export const RevenueOutSchema = v.strictObject({
  interval: v.picklist(REVENUE_INTERVALS),
  from: TimestampOut,
  to: TimestampOut,
  activeSubscribers: CountOut,
  points: v.array(RevenuePointOutSchema),
});

// The read-model views the dashboard renders, as @paygate/projections defines them.
export {
  REVENUE_INTERVALS,
  type ChannelSummaryView,
  type RevenueInterval,
  type RevenuePoint,
  type SubscriberView,
} from '@paygate/projections';

import { parseSubscriptionEvent, type RecordedEvent, type SubscriptionEvent } from '@paygate/domain';
import { positionColumns } from '../read-models/columns.ts';
import { rowHasSeen, rowProjection, type RowSet } from '../rows/index.ts';
import { NOT_REMINDED, subscriptionsDdl } from './subscriptions-tables.ts';

export const SUBSCRIPTION_PROJECTION_EVENTS = [
  'SubscriptionStarted',
  'SubscriptionExtended',
  'ExpiryReminderSent',
  'SubscriptionExpired',
  'ExpiryNoticeSent',
  'MemberJoined',
  'SubscriptionRefunded',
] as const satisfies readonly SubscriptionEvent['type'][];

const keyOf = (event: SubscriptionEvent) => ({ channel_id: event.data.channelId, subscriber_id: event.data.subscriberId });

/** The event is about the row's current period (its end as an instant: text formats may differ). */
const samePeriod = (endsAt: unknown, period: string) => Date.parse(String(endsAt)) === Date.parse(period);

const evolve = (rows: RowSet, recorded: RecordedEvent): void => {
  const event = parseSubscriptionEvent(recorded);
  const { commit, prepare } = positionColumns(recorded.position);
  const moved = { updated_commit: commit, updated_prepare: prepare };
  const row = rows.get('subscriptions', keyOf(event));
  if (row && rowHasSeen(row, recorded.position)) return;
  switch (event.type) {
    case 'SubscriptionStarted': {
      const { tierId, startsAt, endsAt, invoiceId } = event.data;
      rows.put('subscriptions', {
        ...keyOf(event),
        joined_at: row?.joined_at ?? null,
        tier_id: tierId,
        status: 'active',
        starts_at: startsAt,
        ends_at: endsAt,
        period_since: startsAt,
        reminded_days: NOT_REMINDED,
        notice_pending: false,
        last_invoice_id: invoiceId,
        ...moved,
      });
      return;
    }
    case 'SubscriptionExtended': {
      if (!row) return;
      const { tierId, endsAt, extendedAt, invoiceId } = event.data;
      rows.put('subscriptions', { ...row, tier_id: tierId, ends_at: endsAt, period_since: extendedAt, reminded_days: NOT_REMINDED, last_invoice_id: invoiceId, ...moved });
      return;
    }
    case 'ExpiryReminderSent': {
      if (!row || !samePeriod(row.ends_at, event.data.period)) return;
      rows.put('subscriptions', { ...row, reminded_days: Math.min(Number(row.reminded_days), event.data.daysBefore), ...moved });
      return;
    }
    case 'SubscriptionExpired':
      if (row && samePeriod(row.ends_at, event.data.period)) rows.put('subscriptions', { ...row, status: 'expired', notice_pending: true, ...moved });
      return;
    case 'ExpiryNoticeSent':
      if (row && samePeriod(row.ends_at, event.data.period)) rows.put('subscriptions', { ...row, notice_pending: false, ...moved });
      return;
    case 'MemberJoined':
      if (row) rows.put('subscriptions', { ...row, joined_at: event.data.joinedAt, ...moved });
      return;
    case 'SubscriptionRefunded': {
      // Only a shortened period changes the row: a revoked one ends through SubscriptionExpired.
      const { effect, previousEndsAt, endsAt, refundedAt } = event.data;
      if (!row || effect !== 'shortened' || endsAt === undefined || previousEndsAt === undefined || !samePeriod(row.ends_at, previousEndsAt)) return;
      rows.put('subscriptions', { ...row, ends_at: endsAt, period_since: refundedAt, reminded_days: NOT_REMINDED, ...moved });
      return;
    }
    default:
      return;
  }
};

/**
 * Each subscriber's current period per channel (table `subscriptions`): what the expiry sweep
 * searches by end date, and what the bot lists as "my subscriptions".
 */
export const subscriptionsProjection = rowProjection({
  name: 'subscriptions',
  // 2: set-based batches (same rows; the version makes an upgrade rebuild through the new path).
  version: 2,
  keys: { subscriptions: ['channel_id', 'subscriber_id'] },
  ddl: subscriptionsDdl,
  handles: SUBSCRIPTION_PROJECTION_EVENTS,
  touches: (recorded) => [{ table: 'subscriptions', key: keyOf(parseSubscriptionEvent(recorded)) }],
  evolve,
});

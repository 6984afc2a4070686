import type { QueryCreator, UpdateQueryBuilder, UpdateResult } from 'kysely';
import { parseSubscriptionEvent, type GlobalPosition, type SubscriptionEvent } from '@paygate/domain';
import { positionColumns } from '../read-models/columns.ts';
import { rowIsBefore } from '../read-models/position-guard.ts';
import type { Projection } from '../runner/index.ts';
import { NOT_REMINDED, SUBSCRIPTION_TABLES, subscriptionsDdl, type SubscriptionsDb } from './subscriptions-tables.ts';

type Db = QueryCreator<SubscriptionsDb>;

export const SUBSCRIPTION_PROJECTION_EVENTS = [
  'SubscriptionStarted',
  'SubscriptionExtended',
  'ExpiryReminderSent',
  'SubscriptionExpired',
  'ExpiryNoticeSent',
  'MemberJoined',
] as const satisfies readonly SubscriptionEvent['type'][];

const apply = async (db: Db, event: SubscriptionEvent, position: GlobalPosition): Promise<void> => {
  const { commit, prepare } = positionColumns(position);
  const moved = { updated_commit: commit, updated_prepare: prepare };
  const { channelId, subscriberId } = event.data;
  const row = (query: UpdateQueryBuilder<SubscriptionsDb, 'subscriptions', 'subscriptions', UpdateResult>) =>
    query.where('channel_id', '=', channelId).where('subscriber_id', '=', subscriberId).where(rowIsBefore('subscriptions', position));
  switch (event.type) {
    case 'SubscriptionStarted': {
      const { tierId, startsAt, endsAt, invoiceId } = event.data;
      const period = {
        tier_id: tierId,
        status: 'active' as const,
        starts_at: startsAt,
        ends_at: endsAt,
        period_since: startsAt,
        reminded_days: NOT_REMINDED,
        notice_pending: false,
        last_invoice_id: invoiceId,
        ...moved,
      };
      await db
        .insertInto('subscriptions')
        .values({ channel_id: channelId, subscriber_id: subscriberId, joined_at: null, ...period })
        .onConflict((oc) => oc.columns(['channel_id', 'subscriber_id']).doUpdateSet(period).where(rowIsBefore('subscriptions', position)))
        .execute();
      return;
    }
    case 'SubscriptionExtended': {
      const { tierId, endsAt, extendedAt, invoiceId } = event.data;
      await row(db.updateTable('subscriptions'))
        .set({ tier_id: tierId, ends_at: endsAt, period_since: extendedAt, reminded_days: NOT_REMINDED, last_invoice_id: invoiceId, ...moved })
        .execute();
      return;
    }
    case 'ExpiryReminderSent': {
      const { period, daysBefore } = event.data;
      await row(db.updateTable('subscriptions'))
        .set((eb) => ({ reminded_days: eb.fn('least', [eb.ref('reminded_days'), eb.val(daysBefore)]), ...moved }))
        .where('ends_at', '=', new Date(period))
        .execute();
      return;
    }
    case 'SubscriptionExpired':
      await row(db.updateTable('subscriptions')).set({ status: 'expired', notice_pending: true, ...moved }).where('ends_at', '=', new Date(event.data.period)).execute();
      return;
    case 'ExpiryNoticeSent':
      await row(db.updateTable('subscriptions')).set({ notice_pending: false, ...moved }).where('ends_at', '=', new Date(event.data.period)).execute();
      return;
    case 'MemberJoined':
      await row(db.updateTable('subscriptions')).set({ joined_at: event.data.joinedAt, ...moved }).execute();
      return;
    default:
      return;
  }
};

/**
 * Each subscriber's current period per channel (table `subscriptions`): what the expiry sweep
 * searches by end date, and what the bot lists as "my subscriptions".
 */
export const subscriptionsProjection: Projection<SubscriptionsDb> = {
  name: 'subscriptions',
  version: 1,
  tables: SUBSCRIPTION_TABLES,
  ddl: subscriptionsDdl,
  handles: SUBSCRIPTION_PROJECTION_EVENTS,
  apply: (db, recorded) => apply(db, parseSubscriptionEvent(recorded), recorded.position),
};

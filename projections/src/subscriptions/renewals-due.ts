import { PayGateError } from '@paygate/domain';
import type { OwnerScope } from '../read-models/owner-scope.ts';
import { checkedPageLimit } from '../read-models/row-page.ts';
import type { AnyKysely } from '../runner/index.ts';
import { subscriberRows, subscriberViewFromRow, type SubscriberView } from './subscriber-view.ts';

export type RenewalsDueQuery = { scope?: OwnerScope; from: Date; until: Date; limit: number };

/**
 * Running subscriptions (status active) whose period ends in [from, until), soonest end first
 * (ties by channel id, subscriber id): who should renew next. A range scan of the partial index
 * the expiry sweep reads (running periods by end).
 */
export const listRenewalsDue = async (db: AnyKysely, schema: string, query: RenewalsDueQuery): Promise<SubscriberView[]> => {
  const limit = checkedPageLimit(query.limit);
  if (Number.isNaN(query.from.getTime()) || Number.isNaN(query.until.getTime())) {
    throw new PayGateError('validation', 'from and until must be valid times', { field: 'from' });
  }
  const rows = await subscriberRows(db, schema, query.scope)
    .where('s.status', '=', 'active')
    .where('s.ends_at', '>=', query.from)
    .where('s.ends_at', '<', query.until)
    .orderBy('s.ends_at')
    .orderBy('s.channel_id')
    .orderBy('s.subscriber_id')
    .limit(limit)
    .execute();
  return rows.map(subscriberViewFromRow);
};

import { parseSubscriptionEvent, subscriptionDecider, type EventStore, type SubscriptionState } from '@paygate/domain';
import type { DueSubscription, ExpirySource, SweepCursor } from '../expiry/index.ts';

const DAY_MS = 86_400_000;

type Row = DueSubscription & { state: SubscriptionState };

const order = (a: DueSubscription, b: DueSubscription): number =>
  Date.parse(a.endsAt) - Date.parse(b.endsAt) || a.channelId.localeCompare(b.channelId) || a.subscriberId.localeCompare(b.subscriberId);

const page = (rows: Row[], after: SweepCursor | undefined, limit: number): DueSubscription[] =>
  rows
    .sort(order)
    .filter((row) => after === undefined || order(row, after) > 0)
    .slice(0, limit)
    .map(({ channelId, subscriberId, endsAt }) => ({ channelId, subscriberId, endsAt }));

/**
 * The ExpirySource port over the in-memory store: the subscriptions read model's three queries
 * (projections/src/subscriptions) computed by folding every subscription stream, so the sweep's
 * unit tests need no PostgreSQL. Same filters, same keyset order.
 */
export const inMemoryExpirySource = (eventStore: EventStore): ExpirySource => {
  const rows = async (): Promise<Row[]> => {
    const streams = new Map<string, { channelId: string; subscriberId: string; state: SubscriptionState }>();
    for (const recorded of await eventStore.readAll()) {
      if (!recorded.streamId.startsWith('subscription-')) continue;
      const event = parseSubscriptionEvent(recorded);
      const current = streams.get(recorded.streamId) ?? { ...event.data, state: subscriptionDecider.initialState };
      streams.set(recorded.streamId, { ...current, state: subscriptionDecider.evolve(current.state, event) });
    }
    return [...streams.values()].flatMap(({ channelId, subscriberId, state }) =>
      state.period ? [{ channelId, subscriberId, endsAt: new Date(state.period.endsAt).toISOString(), state }] : [],
    );
  };
  return {
    dueReminders: async ({ endsAfter, endsUntil, daysBefore, after, limit }) =>
      page(
        (await rows()).filter(({ state, endsAt }) => {
          const period = state.period!;
          const end = Date.parse(endsAt);
          return (
            !period.expired &&
            end > endsAfter.getTime() &&
            end <= endsUntil.getTime() &&
            (period.remindedDays === null || period.remindedDays > daysBefore) &&
            Date.parse(period.since) <= end - daysBefore * DAY_MS
          );
        }),
        after,
        limit,
      ),
    dueRevocations: async ({ endedBy, after, limit }) =>
      page((await rows()).filter(({ state, endsAt }) => !state.period!.expired && Date.parse(endsAt) <= endedBy.getTime()), after, limit),
    pendingExpiryNotices: async ({ after, limit }) =>
      page((await rows()).filter(({ state }) => state.period!.expired && !state.period!.noticeSent), after, limit),
  };
};

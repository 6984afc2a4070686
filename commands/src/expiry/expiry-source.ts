/**
 * Where the sweep finds work: a read model indexed by period end (projections/src/subscriptions
 * implements it over PostgreSQL). It only narrows the search; each row is re-checked against the
 * subscription's own stream before anything is done, so a lagging or rebuilt read model can
 * cost a wasted look, never a second reminder or removal.
 */
export type DueSubscription = { channelId: string; subscriberId: string; endsAt: string };

/** Keyset position in (endsAt, channelId, subscriberId) order. */
export type SweepCursor = DueSubscription;

export type ExpirySource = {
  /**
   * Running periods ending in (endsAfter, endsUntil], not yet reminded `daysBefore` days (or
   * fewer) before their end, and whose reminder time (end - daysBefore) is not before the period began.
   */
  dueReminders(query: { endsAfter: Date; endsUntil: Date; daysBefore: number; after?: SweepCursor; limit: number }): Promise<DueSubscription[]>;
  /** Running periods that ended at or before `endedBy` (the sweep passes now - grace). */
  dueRevocations(query: { endedBy: Date; after?: SweepCursor; limit: number }): Promise<DueSubscription[]>;
  /** Expired periods whose "how to come back" DM is not recorded yet (a crash between the two). */
  pendingExpiryNotices(query: { after?: SweepCursor; limit: number }): Promise<DueSubscription[]>;
};

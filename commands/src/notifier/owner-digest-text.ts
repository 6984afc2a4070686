import type { OwnerNotificationKind } from '@paygate/domain';

export type DigestEntry = { channelTitle: string; kind: OwnerNotificationKind };

const NOUNS: Record<OwnerNotificationKind, [one: string, many: string]> = {
  new_subscriber: ['new subscriber', 'new subscribers'],
  renewal: ['renewal', 'renewals'],
  payment_received: ['payment received', 'payments received'],
  payment_underpaid: ['underpaid payment', 'underpaid payments'],
  payment_refunded: ['refunded payment', 'refunded payments'],
  payout_sent: ['payout sent', 'payouts sent'],
  payout_held: ['payout held', 'payouts held'],
  donation_received: ['donation', 'donations'],
};

const ORDER = Object.keys(NOUNS) as OwnerNotificationKind[];

const span = (seconds: number) => (seconds <= 1 ? 'the last second' : seconds < 120 ? `the last ${seconds} seconds` : `the last ${Math.round(seconds / 60)} minutes`);

/**
 * One message for many notices to one owner, counted per channel and kind: `3 new subscribers,
 * 2 renewals in "Alpha signals" in the last 5 seconds`. English only for now: the catalogue in
 * domain has no digest entry yet.
 */
export const ownerDigestText = (entries: readonly DigestEntry[], seconds: number): string => {
  const channels = new Map<string, Map<OwnerNotificationKind, number>>();
  for (const { channelTitle, kind } of entries) {
    const counts = channels.get(channelTitle) ?? channels.set(channelTitle, new Map()).get(channelTitle)!;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const lines = [...channels].map(([title, counts]) => {
    const parts = ORDER.filter((kind) => counts.has(kind)).map((kind) => {
      const n = counts.get(kind)!;
      return `${n} ${NOUNS[kind][n === 1 ? 0 : 1]}`;
    });
    return `${parts.join(', ')} in "${title}"`;
  });
  return `${lines.join('\n')}\nin ${span(seconds)}.`;
};

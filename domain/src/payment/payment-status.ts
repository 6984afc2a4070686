/**
 * NOWPayments payment statuses and the order they move in. Direct successors below; the order is
 * their transitive closure. A status may be skipped (an IPN can be lost or arrive late) but never
 * revisited:
 *
 *   waiting < confirming < confirmed < sending < finished < refunded
 *                                      sending < partially_paid < finished
 *                                      sending < failed < refunded
 *                                      sending < expired
 *                                      partially_paid < refunded
 *
 * partially_paid < finished because an operator can finish an underpaid payment by hand in
 * NOWPayments. Pairs with no order (finished vs failed, expired vs finished, …) are conflicts.
 */
export const PAYMENT_STATUSES = [
  'waiting',
  'confirming',
  'confirmed',
  'sending',
  'partially_paid',
  'finished',
  'failed',
  'expired',
  'refunded',
] as const;

export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const isPaymentStatus = (value: string): value is PaymentStatus => (PAYMENT_STATUSES as readonly string[]).includes(value);

const SUCCESSORS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  waiting: ['confirming'],
  confirming: ['confirmed'],
  confirmed: ['sending'],
  sending: ['partially_paid', 'finished', 'failed', 'expired'],
  partially_paid: ['finished', 'refunded'],
  finished: ['refunded'],
  failed: ['refunded'],
  expired: [],
  refunded: [],
};

const reachableFrom = (status: PaymentStatus): ReadonlySet<PaymentStatus> => {
  const seen = new Set<PaymentStatus>();
  const pending = [...SUCCESSORS[status]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (!seen.has(next)) {
      seen.add(next);
      pending.push(...SUCCESSORS[next]);
    }
  }
  return seen;
};

const LATER: ReadonlyMap<PaymentStatus, ReadonlySet<PaymentStatus>> = new Map(
  PAYMENT_STATUSES.map((status) => [status, reachableFrom(status)]),
);

/** True when `later` comes strictly after `earlier` in the order. */
export const isLaterStatus = (earlier: PaymentStatus, later: PaymentStatus): boolean => LATER.get(earlier)?.has(later) ?? false;

/**
 * How a reported status relates to the current one:
 * - 'advance': it comes later (or nothing was recorded yet) → record it;
 * - 'stale': the same or an earlier status (a retry, a duplicate, a late IPN) → nothing to do;
 * - 'conflict': no order between them (e.g. finished after expired) → an operator must look.
 */
export type StatusMove = 'advance' | 'stale' | 'conflict';

export const classifyStatus = (current: PaymentStatus | null, reported: PaymentStatus): StatusMove => {
  if (current === null || isLaterStatus(current, reported)) return 'advance';
  if (current === reported || isLaterStatus(reported, current)) return 'stale';
  return 'conflict';
};

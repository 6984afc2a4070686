import { parseMoney, type Money } from '../money/index.ts';
import type { NormalizedNotice } from './payment-notice.ts';
import { PROVIDER_AMOUNT_ROUNDING } from './payment-outcome.ts';

/**
 * The underpayment band: how far a `finished` payment may fall short of NOWPayments' quote and
 * still grant. 100 bps = 1 %.
 *
 * What is compared: `actually_paid` against `pay_amount`, both in the pay currency (the coin the
 * subscriber sent) and both truncated to the chain's smallest unit, in exact bigint arithmetic.
 * pay_amount is the quote NOWPayments fixed for the invoice's price, so the two are the same
 * currency and no exchange rate enters. A `finished` IPN is held for review when
 *
 *     actually_paid × 10 000 < pay_amount × (10 000 − UNDERPAYMENT_TOLERANCE_BPS)
 *
 * i.e. a shortfall of exactly 1 % still grants; one smallest unit more is held. Why 1 %: a
 * subscriber paying from an exchange or custodial wallet often loses a withdrawal fee or a
 * rounding digit (cents on a 10–50 USD tier), which should not cost them access; a larger gap
 * is not fee noise but a payment NOWPayments finished anyway (a merchant-side tolerance setting,
 * or an underpaid payment finished by hand), and granting it would sell the tier below its price
 * without anyone deciding to.
 *
 * Also held, whatever pay_amount says: `actually_paid` or `outcome_amount` zero after truncation
 * ("nothing_received"): a grant for no coin, or a split of nothing for the owner.
 *
 * Not compared: outcome_amount against the price. It is in another currency (no rate without a
 * quote service) and carries NOWPayments' and the network's fees, which on a small payment can
 * be a large share; the split already takes the outcome as its gross, so the owner's share is
 * always computed from what really arrived. Without pay_amount (NOWPayments always sends it, and
 * the webhook's schema requires it; only in-process callers can omit it) only the zero check applies.
 */
export const UNDERPAYMENT_TOLERANCE_BPS = 100;

export const HOLD_REASONS = ['underpaid', 'nothing_received'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export type UnderpaymentCheck =
  | { readonly held: false; readonly payAmount?: Money }
  | { readonly held: true; readonly reason: HoldReason; readonly payAmount?: Money; readonly shortfallBps?: number };

/**
 * How far below `asked` `paid` is, in bps rounded up (so a held payment always shows more than
 * the tolerance: held ⇔ shortfallBps > UNDERPAYMENT_TOLERANCE_BPS); 0 when not below or nothing was asked.
 */
export const shortfallBps = (paid: Money, asked: Money): number =>
  asked.amount <= 0n || paid.amount >= asked.amount ? 0 : Number(((asked.amount - paid.amount) * 10_000n + asked.amount - 1n) / asked.amount);

/** The band above, for a finished notice whose actuallyPaid/outcome are already Money. */
export const checkUnderpayment = (notice: NormalizedNotice, received: { actuallyPaid: Money; outcome: Money }): UnderpaymentCheck => {
  const payAmount =
    notice.payAmount === undefined ? undefined : parseMoney(notice.payAmount, notice.payCurrency, { rounding: PROVIDER_AMOUNT_ROUNDING });
  const asked = payAmount === undefined ? {} : { payAmount };
  const shortfall = payAmount === undefined ? {} : { shortfallBps: shortfallBps(received.actuallyPaid, payAmount) };
  if (received.actuallyPaid.amount === 0n || received.outcome.amount === 0n) {
    return { held: true, reason: 'nothing_received', ...asked, ...shortfall };
  }
  if (payAmount !== undefined && received.actuallyPaid.amount * 10_000n < payAmount.amount * BigInt(10_000 - UNDERPAYMENT_TOLERANCE_BPS)) {
    return { held: true, reason: 'underpaid', ...asked, ...shortfall };
  }
  return { held: false, ...asked };
};

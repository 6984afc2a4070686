import type { Selectable } from 'kysely';
import type { GlobalPosition, Money } from '@paygate/domain';
import { isoTime, optionalMoneyFromColumns, positionFromColumns } from '../read-models/columns.ts';
import type { PaymentsTable } from './payments-tables.ts';

/** Amounts exactly as NOWPayments reported them (canonical decimal text, upper-case codes). */
export type ReportedAmounts = {
  priceAmount: string;
  priceCurrency: string;
  payAmount: string | null;
  actuallyPaid: string;
  payCurrency: string;
  outcomeAmount: string | null;
  outcomeCurrency: string | null;
};

export type PaymentView = {
  paymentId: string;
  invoiceId: string;
  channelId: string | null;
  tierId: string | null;
  /** subscription, or donation (its subscriberId is the donor, null when they did not allow their name). */
  kind: 'subscription' | 'donation';
  subscriberId: string | null;
  status: string;
  /**
   * received | held_for_review (finished outside the underpayment band, waiting for an operator) |
   * rejected (held, then refused by an operator) | paid_twice (finished for an invoice another
   * payment had paid: an overpayment to refund, never revenue) | mismatched | underpaid |
   * redeposit | failed | expired | refunded; null while only statuses were recorded.
   */
  outcome: string | null;
  /** The invoice's price. */
  price: Money | null;
  reported: ReportedAmounts;
  parentPaymentId: string | null;
  /** What PaymentReceived (or DonationReceived) settled (truncated to the chain's smallest unit); null unless received. */
  received: { actuallyPaid: Money; outcome: Money } | null;
  conflicts: number;
  firstSeenAt: string;
  updatedAt: string;
  /** Position of the last event that changed the row; the list pages by it. */
  updatedPosition: GlobalPosition;
};

export const paymentViewFromRow = (row: Selectable<PaymentsTable>): PaymentView => {
  const actuallyPaid = optionalMoneyFromColumns(row.received_paid_amount, row.received_paid_currency, row.received_paid_decimals);
  const outcome = optionalMoneyFromColumns(row.received_outcome_amount, row.received_outcome_currency, row.received_outcome_decimals);
  return {
    paymentId: row.payment_id,
    invoiceId: row.invoice_id,
    channelId: row.channel_id,
    tierId: row.tier_id,
    kind: row.kind === 'donation' ? 'donation' : 'subscription',
    subscriberId: row.subscriber_id,
    status: row.status,
    outcome: row.outcome,
    price: optionalMoneyFromColumns(row.price_amount, row.price_currency, row.price_decimals),
    reported: {
      priceAmount: row.reported_price_amount,
      priceCurrency: row.reported_price_currency,
      payAmount: row.pay_amount,
      actuallyPaid: row.actually_paid,
      payCurrency: row.pay_currency,
      outcomeAmount: row.outcome_amount,
      outcomeCurrency: row.outcome_currency,
    },
    parentPaymentId: row.parent_payment_id,
    received: actuallyPaid && outcome ? { actuallyPaid, outcome } : null,
    conflicts: row.conflicts,
    firstSeenAt: isoTime(row.first_seen_at),
    updatedAt: isoTime(row.updated_at),
    updatedPosition: positionFromColumns(row.updated_commit, row.updated_prepare),
  };
};

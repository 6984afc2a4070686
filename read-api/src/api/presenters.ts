import type { ChannelView, InvoiceView, PaymentView, SplitView } from '@paygate/projections';
import { moneyOut, optionalMoneyOut } from './money-json.ts';

/** A payment as the API shows it; positions stay internal (the cursor carries them opaquely). */
export const paymentOut = (payment: PaymentView) => ({
  id: payment.paymentId,
  invoiceId: payment.invoiceId,
  channelId: payment.channelId,
  tierId: payment.tierId,
  /** subscription, or donation (then tierId is 'donation' and subscriberId is the donor). */
  kind: payment.kind,
  subscriberId: payment.subscriberId,
  status: payment.status,
  outcome: payment.outcome,
  price: optionalMoneyOut(payment.price),
  /** Exactly as NOWPayments reported them (decimal strings). */
  reported: payment.reported,
  received: payment.received && { actuallyPaid: moneyOut(payment.received.actuallyPaid), outcome: moneyOut(payment.received.outcome) },
  parentPaymentId: payment.parentPaymentId,
  conflicts: payment.conflicts,
  firstSeenAt: payment.firstSeenAt,
  updatedAt: payment.updatedAt,
});

export const splitOut = (split: SplitView) => ({
  feeBps: split.feeBps,
  gross: moneyOut(split.gross),
  fee: moneyOut(split.fee),
  ownerShare: moneyOut(split.ownerShare),
  calculatedAt: split.calculatedAt,
});

export const invoiceOut = (invoice: InvoiceView, payments: readonly PaymentView[], splits: readonly SplitView[]) => {
  const splitByPayment = new Map(splits.map((split) => [split.paymentId, split]));
  return {
    id: invoice.invoiceId,
    channelId: invoice.channelId,
    tierId: invoice.tierId,
    purpose: invoice.purpose,
    subscriberId: invoice.subscriberId,
    price: moneyOut(invoice.price),
    durationDays: invoice.durationDays,
    createdAt: invoice.createdAt,
    provider: invoice.provider,
    paymentStatus: invoice.paymentStatus,
    paid: invoice.paid,
    paidPaymentId: invoice.paidPaymentId,
    paidAt: invoice.paidAt,
    updatedAt: invoice.updatedAt,
    paymentIds: invoice.paymentIds,
    payments: payments.map((payment) => {
      const split = splitByPayment.get(payment.paymentId);
      return { ...paymentOut(payment), split: split ? splitOut(split) : null };
    }),
  };
};

export const channelOut = (channel: ChannelView) => ({
  id: channel.channelId,
  chatId: channel.chatId,
  ownerId: channel.ownerId,
  title: channel.title,
  registeredAt: channel.registeredAt,
  tiers: channel.tiers.map((tier) => ({
    id: tier.tierId,
    name: tier.name,
    price: moneyOut(tier.price),
    durationDays: tier.durationDays,
    firstPricedAt: tier.firstPricedAt,
    pricedAt: tier.pricedAt,
    retired: tier.retired,
    retiredAt: tier.retiredAt,
  })),
});

import * as v from 'valibot';
import { createEventParser } from '../decider/event-schema.ts';
import { IdSchema, TelegramUserIdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { DurationDaysSchema, TierPriceJsonSchema } from '../channel/tier-price.ts';
import { MoneyJsonSchema } from '../money/index.ts';

/** One stream per invoice; the invoice id is the NOWPayments `order_id`. */
export const invoiceStreamId = (invoiceId: string): string => `invoice-${invoiceId}`;

/** The price and duration are copied from the tier when the invoice is created: later re-pricing does not touch it. */
export const InvoiceCreatedSchema = v.object({
  type: v.literal('InvoiceCreated'),
  data: v.object({
    invoiceId: IdSchema,
    channelId: IdSchema,
    tierId: IdSchema,
    subscriberId: TelegramUserIdSchema,
    price: TierPriceJsonSchema,
    durationDays: DurationDaysSchema,
    createdAt: TimestampSchema,
  }),
});

/**
 * A donation to a channel (no tier, no access): the amount the donor chose, checked against the
 * donation limits. `donorName` is kept only when the donor allowed the owner to see it (`showName`).
 */
export const DonationInvoiceCreatedSchema = v.object({
  type: v.literal('DonationInvoiceCreated'),
  data: v.object({
    invoiceId: IdSchema,
    channelId: IdSchema,
    donorId: TelegramUserIdSchema,
    amount: MoneyJsonSchema,
    showName: v.boolean(),
    donorName: v.exactOptional(v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(256))),
    createdAt: TimestampSchema,
  }),
});

/** The NOWPayments invoice created for it: its id and the payment page URL shown to the subscriber. */
export const InvoiceLinkedSchema = v.object({
  type: v.literal('InvoiceLinked'),
  data: v.object({
    invoiceId: IdSchema,
    providerInvoiceId: IdSchema,
    invoiceUrl: v.pipe(v.string(), v.regex(/^https?:\/\/\S{1,2000}$/, 'must be an http(s) URL')),
    linkedAt: TimestampSchema,
  }),
});

/**
 * The payment that paid the invoice: the first to finish at its price within the underpayment
 * band (or a held one an operator released), recorded before that payment's PaymentReceived. At
 * most one per invoice; any later payment of it is InvoicePaidTwice (docs/payments.md).
 */
export const InvoicePaidSchema = v.object({
  type: v.literal('InvoicePaid'),
  data: v.object({
    invoiceId: IdSchema,
    paymentId: IdSchema,
    /** In the pay currency, as PaymentReceived settles it. */
    actuallyPaid: MoneyJsonSchema,
    /** In the outcome currency. */
    outcome: MoneyJsonSchema,
    paidAt: TimestampSchema,
  }),
});

export const InvoiceEventSchema = v.variant('type', [InvoiceCreatedSchema, DonationInvoiceCreatedSchema, InvoiceLinkedSchema, InvoicePaidSchema]);

export type InvoiceCreated = v.InferOutput<typeof InvoiceCreatedSchema>;
export type DonationInvoiceCreated = v.InferOutput<typeof DonationInvoiceCreatedSchema>;
export type InvoiceLinked = v.InferOutput<typeof InvoiceLinkedSchema>;
export type InvoicePaid = v.InferOutput<typeof InvoicePaidSchema>;
export type InvoiceEvent = v.InferOutput<typeof InvoiceEventSchema>;

export const parseInvoiceEvent = createEventParser(InvoiceEventSchema, 'invoice');

import * as v from 'valibot';
import { createEventParser } from '../decider/event-schema.ts';
import { IdSchema, TelegramUserIdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { DurationDaysSchema, TierPriceJsonSchema } from '../channel/tier-price.ts';

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

export const InvoiceEventSchema = v.variant('type', [InvoiceCreatedSchema, InvoiceLinkedSchema]);

export type InvoiceCreated = v.InferOutput<typeof InvoiceCreatedSchema>;
export type InvoiceLinked = v.InferOutput<typeof InvoiceLinkedSchema>;
export type InvoiceEvent = v.InferOutput<typeof InvoiceEventSchema>;

export const parseInvoiceEvent = createEventParser(InvoiceEventSchema, 'invoice');

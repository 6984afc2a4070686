import * as v from 'valibot';
import { IdSchema, TelegramUserIdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { createEventParser } from '../decider/event-schema.ts';
import { MoneyJsonSchema, type MoneyJson } from '../money/index.ts';
import { MAX_FEE_BPS } from './split-fee.ts';

/** One stream per payment: a payment is split once, whatever else happens to its invoice. */
export const splitStreamId = (paymentId: string): string => `split-${paymentId}`;

const adds = (gross: MoneyJson, fee: MoneyJson, ownerShare: MoneyJson): boolean =>
  [fee, ownerShare].every((part) => part.currency === gross.currency && part.decimals === gross.decimals) &&
  BigInt(fee.amount) + BigInt(ownerShare.amount) === BigInt(gross.amount) &&
  BigInt(fee.amount) >= 0n &&
  BigInt(ownerShare.amount) >= 0n;

export const SplitCalculatedSchema = v.object({
  type: v.literal('SplitCalculated'),
  data: v.pipe(
    v.object({
      paymentId: IdSchema,
      invoiceId: IdSchema,
      channelId: IdSchema,
      ownerId: v.exactOptional(TelegramUserIdSchema),
      /** The payment's outcome: what the merchant wallet received. */
      gross: MoneyJsonSchema,
      feeBps: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_FEE_BPS)),
      fee: MoneyJsonSchema,
      ownerShare: MoneyJsonSchema,
      calculatedAt: TimestampSchema,
    }),
    v.check((data) => adds(data.gross, data.fee, data.ownerShare), 'fee + ownerShare must equal gross, in its currency'),
  ),
});

/**
 * The payment was refunded after its split: the whole split is taken back, fee and owner share,
 * in the split's own amounts (positive: what is reversed). If the owner share had already been
 * paid out the owner now owes it (pending goes below zero in the ledger and owner_balances).
 */
export const SplitReversedSchema = v.object({
  type: v.literal('SplitReversed'),
  data: v.pipe(
    v.object({
      paymentId: IdSchema,
      invoiceId: IdSchema,
      channelId: IdSchema,
      ownerId: v.exactOptional(TelegramUserIdSchema),
      gross: MoneyJsonSchema,
      fee: MoneyJsonSchema,
      ownerShare: MoneyJsonSchema,
      reason: v.picklist(['refunded']),
      reversedAt: TimestampSchema,
    }),
    v.check((data) => adds(data.gross, data.fee, data.ownerShare), 'fee + ownerShare must equal gross, in its currency'),
  ),
});

export const SplitEventSchema = v.variant('type', [SplitCalculatedSchema, SplitReversedSchema]);

export type SplitCalculated = v.InferOutput<typeof SplitCalculatedSchema>;
export type SplitReversed = v.InferOutput<typeof SplitReversedSchema>;
export type SplitEvent = v.InferOutput<typeof SplitEventSchema>;

export const parseSplitEvent = createEventParser(SplitEventSchema, 'split');

import * as v from 'valibot';
import { IdSchema, TelegramUserIdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { createEventParser } from '../decider/event-schema.ts';
import { MoneyJsonSchema } from '../money/index.ts';
import { EvmAddressSchema, walletFields } from '../payout-settings/payout-settings-events.ts';

/** One stream per payout (`<channelId>-<currency>-<n>`, numbered by the channel's balance stream). */
export const payoutStreamId = (payoutId: string): string => `payout-${payoutId}`;

const HashSchema = v.pipe(v.string(), v.regex(/^0x[0-9a-f]{64}$/, 'must be 0x and 64 lower-case hex digits'));
const WalletSchema = v.object(walletFields);

export const PAYOUT_ROUTES = ['direct', 'swap'] as const;
export const PAYOUT_PURPOSES = ['conversion'] as const;
export const PAYOUT_HOLD_REASONS = ['slippage', 'insufficient_balance', 'insufficient_gas', 'payouts_held'] as const;

/**
 * The payout begins: the amount (the owner's share, in the currency the platform was settled in)
 * and the wallet in force at this moment, which the payout keeps to the end. `direct` when the
 * wallet takes the settled currency on the host wallet's network, else `swap` through ChangeNOW.
 */
export const PayoutStartedSchema = v.object({
  type: v.literal('PayoutStarted'),
  data: v.object({
    payoutId: IdSchema,
    /** The payments whose owner shares this payout carries (one for an instant payout, usually). */
    paymentIds: v.pipe(v.array(IdSchema), v.minLength(1)),
    channelId: IdSchema,
    /** Absent only for a conversion, which pays the host wallet itself. */
    ownerId: v.exactOptional(TelegramUserIdSchema),
    amount: MoneyJsonSchema,
    wallet: WalletSchema,
    route: v.picklist(PAYOUT_ROUTES),
    /** `conversion`: pooled shares swapped into the host wallet's stable coin (see conversion-pool.ts), not an owner payout. */
    purpose: v.exactOptional(v.picklist(PAYOUT_PURPOSES)),
    startedAt: TimestampSchema,
  }),
});

/** A fixed-rate quote for the swap: `to` is what the owner receives if the exchange is created before `validUntil`. */
export const SplitEstimatedSchema = v.object({
  type: v.literal('SplitEstimated'),
  data: v.object({
    payoutId: IdSchema,
    rateId: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
    validUntil: TimestampSchema,
    from: MoneyJsonSchema,
    to: MoneyJsonSchema,
    /** The standard-flow estimate at the same moment: what the slippage is measured against. */
    reference: MoneyJsonSchema,
    estimatedAt: TimestampSchema,
  }),
});

/** Stopped for an operator (a quote too far below the market, the host wallet short of funds or gas, payouts held for the channel). */
export const PayoutHeldSchema = v.object({
  type: v.literal('PayoutHeld'),
  data: v.object({ payoutId: IdSchema, reason: v.picklist(PAYOUT_HOLD_REASONS), detail: v.pipe(v.string(), v.maxLength(500)), heldAt: TimestampSchema }),
});

export const SwapCreatedSchema = v.object({
  type: v.literal('SwapCreated'),
  data: v.object({
    payoutId: IdSchema,
    exchangeId: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
    payinAddress: EvmAddressSchema,
    from: MoneyJsonSchema,
    expectedTo: MoneyJsonSchema,
    createdAt: TimestampSchema,
  }),
});

/**
 * A host-wallet transfer, signed and stored before it is broadcast: after a crash the very same
 * bytes are broadcast again. `replaces` names the candidate a fee bump replaced (same nonce): any
 * one of the candidates may be the one mined.
 */
export const TransferSignedSchema = v.object({
  type: v.literal('TransferSigned'),
  data: v.object({
    payoutId: IdSchema,
    to: EvmAddressSchema,
    nonce: v.pipe(v.number(), v.integer(), v.minValue(0)),
    rawTransaction: v.pipe(v.string(), v.regex(/^0x[0-9a-f]+$/, 'must be 0x and lower-case hex')),
    hash: HashSchema,
    replaces: v.exactOptional(HashSchema),
    signedAt: TimestampSchema,
  }),
});

/** The transfer to ChangeNOW's pay-in address is mined and confirmed. */
export const SwapExecutedSchema = v.object({
  type: v.literal('SwapExecuted'),
  data: v.object({
    payoutId: IdSchema,
    txHash: HashSchema,
    blockNumber: v.pipe(v.number(), v.integer(), v.minValue(0)),
    gasUsed: v.pipe(v.string(), v.regex(/^\d+$/)),
    executedAt: TimestampSchema,
  }),
});

/**
 * The owner has the money: `received` exactly, by transaction `payoutHash` (ChangeNOW's, or ours
 * on the direct route). `amount` is what left the owner's balance (the payout's amount, in the
 * settled currency), repeated here with the channel and owner so a ledger needs no other event.
 */
export const PayoutSentSchema = v.object({
  type: v.literal('PayoutSent'),
  data: v.object({
    payoutId: IdSchema,
    channelId: IdSchema,
    ownerId: v.exactOptional(TelegramUserIdSchema),
    purpose: v.exactOptional(v.picklist(PAYOUT_PURPOSES)),
    amount: MoneyJsonSchema,
    payoutHash: HashSchema,
    received: MoneyJsonSchema,
    sentAt: TimestampSchema,
  }),
});

/** Stopped in a visible failed state: ChangeNOW's status (failed, refunded, …) or what ran out. */
export const PayoutFailedSchema = v.object({
  type: v.literal('PayoutFailed'),
  data: v.object({ payoutId: IdSchema, reason: v.pipe(v.string(), v.minLength(1), v.maxLength(500)), status: v.exactOptional(v.string()), failedAt: TimestampSchema }),
});

/** An operator resumes a held or failed payout (`paygate payouts retry`); it goes on from where it stopped. */
export const PayoutResumedSchema = v.object({
  type: v.literal('PayoutResumed'),
  data: v.object({ payoutId: IdSchema, by: v.pipe(v.string(), v.minLength(1), v.maxLength(128)), resumedAt: TimestampSchema }),
});

export const PayoutEventSchema = v.variant('type', [
  PayoutStartedSchema,
  SplitEstimatedSchema,
  PayoutHeldSchema,
  SwapCreatedSchema,
  TransferSignedSchema,
  SwapExecutedSchema,
  PayoutSentSchema,
  PayoutFailedSchema,
  PayoutResumedSchema,
]);

export type PayoutStarted = v.InferOutput<typeof PayoutStartedSchema>;
export type SplitEstimated = v.InferOutput<typeof SplitEstimatedSchema>;
export type TransferSigned = v.InferOutput<typeof TransferSignedSchema>;
export type PayoutSent = v.InferOutput<typeof PayoutSentSchema>;
export type PayoutEvent = v.InferOutput<typeof PayoutEventSchema>;

export const parsePayoutEvent = createEventParser(PayoutEventSchema, 'payout');

import * as v from 'valibot';
import type { Decider, DomainCommand } from '../decider/decider.ts';
import { IdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { createEventParser, parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import { MoneyJsonSchema, moneyToJson, type Money } from '../money/index.ts';

/**
 * Threshold strategy, one stream per channel: owner shares converted into a USD stable coin are
 * held here until they reach the owner's threshold, then paid out in one batch payout.
 */
export const payoutAccumulationStreamId = (channelId: string): string => `payout-accumulation-${channelId}`;

/** A conversion's allocation to this channel (see allocateConversion), once per conversion. */
export const PayoutAccumulatedSchema = v.object({
  type: v.literal('PayoutAccumulated'),
  data: v.object({ channelId: IdSchema, conversionId: IdSchema, paymentIds: v.array(IdSchema), amount: MoneyJsonSchema, balance: MoneyJsonSchema, accumulatedAt: TimestampSchema }),
});
export const ThresholdReachedSchema = v.object({
  type: v.literal('ThresholdReached'),
  data: v.object({ channelId: IdSchema, balance: MoneyJsonSchema, threshold: MoneyJsonSchema, reachedAt: TimestampSchema }),
});
/** The whole balance leaves in one payout (`payout-<payoutId>`, the same pipeline as an instant one). */
export const BatchPayoutStartedSchema = v.object({
  type: v.literal('BatchPayoutStarted'),
  data: v.object({ channelId: IdSchema, payoutId: IdSchema, amount: MoneyJsonSchema, startedAt: TimestampSchema }),
});
export const PayoutAccumulationEventSchema = v.variant('type', [PayoutAccumulatedSchema, ThresholdReachedSchema, BatchPayoutStartedSchema]);
export type PayoutAccumulationEvent = v.InferOutput<typeof PayoutAccumulationEventSchema>;
export const parsePayoutAccumulationEvent = createEventParser(PayoutAccumulationEventSchema, 'payout accumulation');

export type AccumulatePayout = DomainCommand<
  'AccumulatePayout',
  { channelId: string; conversionId: string; paymentIds: string[]; amount: Money; /** The owner's threshold, in USD (cents). */ threshold: Money; accumulatedAt: string }
>;

export type PayoutAccumulationState = { readonly balance: bigint; readonly currency?: string; readonly conversions: ReadonlySet<string>; readonly batches: number };

export const initialPayoutAccumulationState: PayoutAccumulationState = { balance: 0n, conversions: new Set(), batches: 0 };

/** The threshold in the stable coin's units: USD cents scaled to its decimals (one stable unit is taken for one dollar). */
const thresholdInUnits = (threshold: Money, stable: Money): bigint => {
  if (threshold.currency !== 'USD') throw new PayGateError('validation', 'the threshold is in USD');
  const scale = stable.decimals - threshold.decimals;
  return scale >= 0 ? threshold.amount * 10n ** BigInt(scale) : threshold.amount / 10n ** BigInt(-scale);
};

const evolve = (state: PayoutAccumulationState, event: PayoutAccumulationEvent): PayoutAccumulationState => {
  switch (event.type) {
    case 'PayoutAccumulated':
      return { ...state, balance: BigInt(event.data.balance.amount), currency: event.data.balance.currency, conversions: new Set([...state.conversions, event.data.conversionId]) };
    case 'BatchPayoutStarted':
      return { ...state, balance: state.balance - BigInt(event.data.amount.amount), batches: state.batches + 1 };
    default:
      return state;
  }
};

const decide = (command: AccumulatePayout, state: PayoutAccumulationState): PayoutAccumulationEvent[] => {
  const { channelId, conversionId, paymentIds, amount, threshold, accumulatedAt } = command.data;
  if (state.conversions.has(conversionId)) return [];
  if (amount.amount <= 0n) throw new PayGateError('validation', 'an accumulation needs a positive amount');
  if (state.currency !== undefined && state.currency !== amount.currency) throw new PayGateError('validation', `the balance is held in ${state.currency}`);
  const balance = { ...amount, amount: state.balance + amount.amount };
  const events: PayoutAccumulationEvent[] = [
    parseWithSchema(PayoutAccumulatedSchema, { type: 'PayoutAccumulated', data: { channelId, conversionId, paymentIds, amount: moneyToJson(amount), balance: moneyToJson(balance), accumulatedAt } }, 'PayoutAccumulated'),
  ];
  if (balance.amount < thresholdInUnits(threshold, amount)) return events;
  const payoutId = `${channelId}-batch-${state.batches + 1}`;
  return [
    ...events,
    parseWithSchema(ThresholdReachedSchema, { type: 'ThresholdReached', data: { channelId, balance: moneyToJson(balance), threshold: moneyToJson(threshold), reachedAt: accumulatedAt } }, 'ThresholdReached'),
    parseWithSchema(BatchPayoutStartedSchema, { type: 'BatchPayoutStarted', data: { channelId, payoutId, amount: moneyToJson(balance), startedAt: accumulatedAt } }, 'BatchPayoutStarted'),
  ];
};

/** Accumulates once per conversion; at the threshold the whole balance starts one batch payout, numbered per channel. */
export const payoutAccumulationDecider: Decider<AccumulatePayout, PayoutAccumulationEvent, PayoutAccumulationState> = {
  initialState: initialPayoutAccumulationState,
  evolve,
  decide,
};

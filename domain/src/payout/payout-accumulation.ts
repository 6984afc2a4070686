import * as v from 'valibot';
import type { Decider, DomainCommand } from '../decider/decider.ts';
import { IdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { createEventParser, parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import { MoneyJsonSchema, moneyToJson, type Money } from '../money/index.ts';
import { payoutRelease, type PayoutRelease } from './payout-release.ts';

/**
 * The owner's unpaid balance of one channel in one currency: every owner share lands here first
 * (PayoutAccumulated), and leaves in a payout (BatchPayoutStarted) — at once under the instant
 * strategy, once it reaches the owner's threshold under the threshold strategy, and not while
 * payouts are blocked (no wallet in force, payouts held). Appends with expected revisions make
 * it the one place a share can leave from, so no share is paid twice or forgotten.
 */
export const payoutAccumulationStreamId = (channelId: string, currency: string): string => `payout-accumulation-${channelId}-${currency.toLowerCase()}`;

/** A share (or a conversion's allocation) added to the balance, once per `conversionId`. */
export const PayoutAccumulatedSchema = v.object({
  type: v.literal('PayoutAccumulated'),
  data: v.object({
    channelId: IdSchema,
    conversionId: IdSchema,
    paymentIds: v.array(IdSchema),
    amount: MoneyJsonSchema,
    /** A conversion's allocation: this channel's shares that went into it, in the settled currency. */
    from: v.exactOptional(MoneyJsonSchema),
    balance: MoneyJsonSchema,
    accumulatedAt: TimestampSchema,
  }),
});
export const ThresholdReachedSchema = v.object({
  type: v.literal('ThresholdReached'),
  data: v.object({ channelId: IdSchema, balance: MoneyJsonSchema, threshold: MoneyJsonSchema, reachedAt: TimestampSchema }),
});
/** The whole balance leaves in one payout (`payout-<payoutId>`), carrying the payments it pays. */
export const BatchPayoutStartedSchema = v.object({
  type: v.literal('BatchPayoutStarted'),
  data: v.object({ channelId: IdSchema, payoutId: IdSchema, amount: MoneyJsonSchema, paymentIds: v.pipe(v.array(IdSchema), v.minLength(1)), startedAt: TimestampSchema }),
});
export const PayoutAccumulationEventSchema = v.variant('type', [PayoutAccumulatedSchema, ThresholdReachedSchema, BatchPayoutStartedSchema]);
export type PayoutAccumulationEvent = v.InferOutput<typeof PayoutAccumulationEventSchema>;
export type BatchPayoutStarted = v.InferOutput<typeof BatchPayoutStartedSchema>;
export const parsePayoutAccumulationEvent = createEventParser(PayoutAccumulationEventSchema, 'payout accumulation');

export type AccumulatePayout = DomainCommand<
  'AccumulatePayout',
  { channelId: string; conversionId: string; paymentIds: string[]; amount: Money; from?: Money; release: PayoutRelease; accumulatedAt: string }
>;
/** Looks again whether the balance may leave: a wallet came into force, a hold was lifted, the strategy changed. */
export type ReleasePayout = DomainCommand<'ReleasePayout', { channelId: string; release: PayoutRelease; releasedAt: string }>;
export type PayoutAccumulationCommand = AccumulatePayout | ReleasePayout;

export type PayoutAccumulationState = {
  readonly balance: bigint;
  readonly currency?: string;
  readonly decimals?: number;
  readonly conversions: ReadonlySet<string>;
  /** Payments whose shares are in the balance and not in a payout yet. */
  readonly unpaid: readonly string[];
  readonly batches: number;
};

export const initialPayoutAccumulationState: PayoutAccumulationState = { balance: 0n, conversions: new Set(), unpaid: [], batches: 0 };

/** The payout number the next batch of `channelId` in `currency` gets. */
export const batchPayoutId = (channelId: string, currency: string, batch: number): string => `${channelId}-${currency.toLowerCase()}-${batch}`;

const evolve = (state: PayoutAccumulationState, event: PayoutAccumulationEvent): PayoutAccumulationState => {
  switch (event.type) {
    case 'PayoutAccumulated': {
      const { balance, conversionId, paymentIds } = event.data;
      return {
        ...state,
        balance: BigInt(balance.amount),
        currency: balance.currency,
        decimals: balance.decimals,
        conversions: new Set([...state.conversions, conversionId]),
        unpaid: [...state.unpaid, ...paymentIds.filter((id) => !state.unpaid.includes(id))],
      };
    }
    case 'BatchPayoutStarted': {
      const left = new Set(event.data.paymentIds);
      return { ...state, balance: state.balance - BigInt(event.data.amount.amount), unpaid: state.unpaid.filter((id) => !left.has(id)), batches: state.batches + 1 };
    }
    default:
      return state;
  }
};

const parse = <E extends PayoutAccumulationEvent>(schema: v.GenericSchema<unknown, E>, type: E['type'], data: Record<string, unknown>): E => parseWithSchema(schema, { type, data }, type);

/** The events that start a payout of the whole balance, when the release rule allows it now. */
const releaseEvents = (state: PayoutAccumulationState, channelId: string, release: PayoutRelease, at: string): PayoutAccumulationEvent[] => {
  if (state.currency === undefined || state.decimals === undefined || state.balance <= 0n || state.unpaid.length === 0) return [];
  const balance: Money = { amount: state.balance, currency: state.currency, decimals: state.decimals };
  const verdict = payoutRelease(release, balance);
  if (verdict.release === false) return [];
  const reached = verdict.threshold
    ? [parse(ThresholdReachedSchema, 'ThresholdReached', { channelId, balance: moneyToJson(balance), threshold: moneyToJson(verdict.threshold), reachedAt: at })]
    : [];
  const payoutId = batchPayoutId(channelId, state.currency, state.batches + 1);
  const started = parse(BatchPayoutStartedSchema, 'BatchPayoutStarted', { channelId, payoutId, amount: moneyToJson(balance), paymentIds: [...state.unpaid], startedAt: at });
  return [...reached, started];
};

const decide = (command: PayoutAccumulationCommand, state: PayoutAccumulationState): PayoutAccumulationEvent[] => {
  if (command.type === 'ReleasePayout') return releaseEvents(state, command.data.channelId, command.data.release, command.data.releasedAt);
  const { channelId, conversionId, paymentIds, amount, from, release, accumulatedAt } = command.data;
  if (state.conversions.has(conversionId)) return [];
  if (amount.amount <= 0n) throw new PayGateError('validation', 'an accumulation needs a positive amount');
  if (state.currency !== undefined && state.currency !== amount.currency) throw new PayGateError('validation', `the balance is held in ${state.currency}`);
  const balance = { ...amount, amount: state.balance + amount.amount };
  const converted = from === undefined ? {} : { from: moneyToJson(from) };
  const accumulated = parse(PayoutAccumulatedSchema, 'PayoutAccumulated', { channelId, conversionId, paymentIds, amount: moneyToJson(amount), ...converted, balance: moneyToJson(balance), accumulatedAt });
  return [accumulated, ...releaseEvents(evolve(state, accumulated), channelId, release, accumulatedAt)];
};

/** Accumulates once per share; releases the whole balance into one payout, numbered per channel and currency. */
export const payoutAccumulationDecider: Decider<PayoutAccumulationCommand, PayoutAccumulationEvent, PayoutAccumulationState> = {
  initialState: initialPayoutAccumulationState,
  evolve,
  decide,
};

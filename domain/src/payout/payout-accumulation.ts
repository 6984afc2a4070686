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
/**
 * A refund reversed a payment's split: its share, accumulated and not yet in a payout, leaves the
 * balance (`amount`, what was accumulated for it), so no later payout pays money returned to the
 * payer. Recorded with amount 0 when the share was not accumulated yet, which bars a later
 * accumulation of it. A share already in a payout is not taken back here: it stays owed.
 */
export const PayoutAccumulationReversedSchema = v.object({
  type: v.literal('PayoutAccumulationReversed'),
  data: v.object({ channelId: IdSchema, paymentId: IdSchema, amount: MoneyJsonSchema, balance: MoneyJsonSchema, reversedAt: TimestampSchema }),
});
export const PayoutAccumulationEventSchema = v.variant('type', [PayoutAccumulatedSchema, ThresholdReachedSchema, BatchPayoutStartedSchema, PayoutAccumulationReversedSchema]);
export type PayoutAccumulationEvent = v.InferOutput<typeof PayoutAccumulationEventSchema>;
export type BatchPayoutStarted = v.InferOutput<typeof BatchPayoutStartedSchema>;
export const parsePayoutAccumulationEvent = createEventParser(PayoutAccumulationEventSchema, 'payout accumulation');

export type AccumulatePayout = DomainCommand<
  'AccumulatePayout',
  { channelId: string; conversionId: string; paymentIds: string[]; amount: Money; from?: Money; release: PayoutRelease; accumulatedAt: string }
>;
/** Looks again whether the balance may leave: a wallet came into force, a hold was lifted, the strategy changed. */
export type ReleasePayout = DomainCommand<'ReleasePayout', { channelId: string; release: PayoutRelease; releasedAt: string }>;
/** A refund reversed `paymentId`'s split: take its share back if it waits in the balance (see PayoutAccumulationReversed). */
export type ReversePayoutAccumulation = DomainCommand<'ReversePayoutAccumulation', { channelId: string; paymentId: string; share: Money; reversedAt: string }>;
export type PayoutAccumulationCommand = AccumulatePayout | ReleasePayout | ReversePayoutAccumulation;

export type PayoutAccumulationState = {
  readonly balance: bigint;
  readonly currency?: string;
  readonly decimals?: number;
  readonly conversions: ReadonlySet<string>;
  /** Payments whose shares are in the balance and not in a payout yet. */
  readonly unpaid: readonly string[];
  readonly batches: number;
  /** What each payment's own share (conversionId = paymentId) added, while it waits in the balance. */
  readonly shares: ReadonlyMap<string, bigint>;
  /** Payments whose split a refund reversed: never accumulated again. */
  readonly reversed: ReadonlySet<string>;
};

export const initialPayoutAccumulationState: PayoutAccumulationState = { balance: 0n, conversions: new Set(), unpaid: [], batches: 0, shares: new Map(), reversed: new Set() };

/** The payout number the next batch of `channelId` in `currency` gets. */
export const batchPayoutId = (channelId: string, currency: string, batch: number): string => `${channelId}-${currency.toLowerCase()}-${batch}`;

const evolve = (state: PayoutAccumulationState, event: PayoutAccumulationEvent): PayoutAccumulationState => {
  switch (event.type) {
    case 'PayoutAccumulated': {
      const { balance, conversionId, paymentIds, amount } = event.data;
      const own = paymentIds.length === 1 && paymentIds[0] === conversionId && event.data.from === undefined;
      return {
        ...state,
        shares: own ? new Map([...state.shares, [conversionId, BigInt(amount.amount)]]) : state.shares,
        balance: BigInt(balance.amount),
        currency: balance.currency,
        decimals: balance.decimals,
        conversions: new Set([...state.conversions, conversionId]),
        unpaid: [...state.unpaid, ...paymentIds.filter((id) => !state.unpaid.includes(id))],
      };
    }
    case 'BatchPayoutStarted': {
      const left = new Set(event.data.paymentIds);
      const shares = new Map([...state.shares].filter(([id]) => !left.has(id)));
      return { ...state, balance: state.balance - BigInt(event.data.amount.amount), unpaid: state.unpaid.filter((id) => !left.has(id)), batches: state.batches + 1, shares };
    }
    case 'PayoutAccumulationReversed': {
      const { paymentId, balance } = event.data;
      const shares = new Map(state.shares);
      shares.delete(paymentId);
      const taken = state.shares.has(paymentId);
      return {
        ...state,
        balance: taken ? BigInt(balance.amount) : state.balance,
        unpaid: taken ? state.unpaid.filter((id) => id !== paymentId) : state.unpaid,
        shares,
        reversed: new Set([...state.reversed, paymentId]),
      };
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

/** Once per payment: takes back a waiting share; a share in a payout (or never accumulated) only bars it. */
const reverseEvents = (state: PayoutAccumulationState, command: ReversePayoutAccumulation): PayoutAccumulationEvent[] => {
  const { channelId, paymentId, share, reversedAt } = command.data;
  if (state.reversed.has(paymentId)) return [];
  if (state.currency !== undefined && state.currency !== share.currency) throw new PayGateError('validation', `the balance is held in ${state.currency}`);
  const waiting = state.shares.get(paymentId);
  // In a payout already (accumulated, no longer waiting): stays owed, nothing to record.
  if (waiting === undefined && state.conversions.has(paymentId)) return [];
  const taken = waiting ?? 0n;
  const left = { ...share, amount: state.balance - taken };
  return [
    parse(PayoutAccumulationReversedSchema, 'PayoutAccumulationReversed', { channelId, paymentId, amount: moneyToJson({ ...share, amount: taken }), balance: moneyToJson(left), reversedAt }),
  ];
};

const decide = (command: PayoutAccumulationCommand, state: PayoutAccumulationState): PayoutAccumulationEvent[] => {
  if (command.type === 'ReleasePayout') return releaseEvents(state, command.data.channelId, command.data.release, command.data.releasedAt);
  if (command.type === 'ReversePayoutAccumulation') return reverseEvents(state, command);
  const { channelId, conversionId, paymentIds, amount, from, release, accumulatedAt } = command.data;
  if (state.conversions.has(conversionId)) return [];
  // A refunded payment's own share is never accumulated (the reversal may be handled first).
  if (from === undefined && paymentIds.some((id) => state.reversed.has(id))) return [];
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

import * as v from 'valibot';
import type { Decider, DomainCommand } from '../decider/decider.ts';
import { IdSchema, TimestampSchema } from '../decider/common-schemas.ts';
import { createEventParser, parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import { MoneyJsonSchema, moneyToJson, type Money } from '../money/index.ts';

/**
 * Threshold owners' shares settled in a coin that is no USD stable coin (ETH) are converted into
 * the host wallet's stable coin while they wait, so an owner's balance does not ride the coin's
 * price. Small shares from many owners are pooled per settled currency and converted together
 * once the pool is worth MICROBATCH_MIN_USD (one swap's fees instead of one per share); the
 * conversion's output is then allocated back to each channel exactly (allocateConversion).
 */
export const conversionPoolStreamId = (currency: string): string => `payout-conversion-pool-${currency.toLowerCase()}`;

export const SharePooledSchema = v.object({
  type: v.literal('SharePooled'),
  data: v.object({ channelId: IdSchema, paymentId: IdSchema, amount: MoneyJsonSchema, pooledAt: TimestampSchema }),
});

const ConversionShareSchema = v.object({ channelId: IdSchema, paymentIds: v.pipe(v.array(IdSchema), v.minLength(1)), amount: MoneyJsonSchema });

/** The pool leaves whole in one conversion (`payout-<conversionId>`, a payout to the host wallet's `toCurrency`). */
export const ConversionStartedSchema = v.object({
  type: v.literal('ConversionStarted'),
  data: v.object({
    conversionId: IdSchema,
    amount: MoneyJsonSchema,
    toCurrency: v.pipe(v.string(), v.minLength(1), v.maxLength(32)),
    shares: v.pipe(v.array(ConversionShareSchema), v.minLength(1)),
    startedAt: TimestampSchema,
  }),
});

/**
 * A refund reversed a payment's split while its share waited in the pool: the share (`amount`,
 * what was pooled) leaves the pool and no conversion takes it. Amount 0 when it was not pooled
 * yet: that bars pooling it later. A share already converted is not taken back (it stays owed).
 */
export const SharePoolReversedSchema = v.object({
  type: v.literal('SharePoolReversed'),
  data: v.object({ channelId: IdSchema, paymentId: IdSchema, amount: MoneyJsonSchema, reversedAt: TimestampSchema }),
});

export const ConversionPoolEventSchema = v.variant('type', [SharePooledSchema, ConversionStartedSchema, SharePoolReversedSchema]);
export type ConversionPoolEvent = v.InferOutput<typeof ConversionPoolEventSchema>;
export type ConversionStarted = v.InferOutput<typeof ConversionStartedSchema>;
export const parseConversionPoolEvent = createEventParser(ConversionPoolEventSchema, 'conversion pool');

export type PoolShare = DomainCommand<
  'PoolShare',
  {
    channelId: string;
    paymentId: string;
    amount: Money;
    toCurrency: string;
    /** What the pool would be worth with this share, in USD (a market estimate); absent: not known, the pool waits. */
    poolValueInUsd?: Money;
    /** MICROBATCH_MIN_USD. */
    minimumUsd: Money;
    pooledAt: string;
  }
>;

/** A refund reversed `paymentId`'s split: take its share out of the pool if it waits there. */
export type ReversePooledShare = DomainCommand<'ReversePooledShare', { channelId: string; paymentId: string; share: Money; reversedAt: string }>;
export type ConversionPoolCommand = PoolShare | ReversePooledShare;

type PooledChannel = { readonly paymentIds: readonly string[]; readonly amount: bigint };

export type ConversionPoolState = {
  readonly currency?: string;
  readonly decimals?: number;
  readonly pooled: ReadonlyMap<string, PooledChannel>;
  readonly seen: ReadonlySet<string>;
  readonly conversions: number;
  /** Each pooled payment's share, while it waits for a conversion. */
  readonly waiting: ReadonlyMap<string, bigint>;
};

export const initialConversionPoolState: ConversionPoolState = { pooled: new Map(), seen: new Set(), conversions: 0, waiting: new Map() };

const evolve = (state: ConversionPoolState, event: ConversionPoolEvent): ConversionPoolState => {
  if (event.type === 'SharePooled') {
    const { channelId, paymentId, amount } = event.data;
    const pooled = new Map(state.pooled);
    const before = pooled.get(channelId) ?? { paymentIds: [], amount: 0n };
    pooled.set(channelId, { paymentIds: [...before.paymentIds, paymentId], amount: before.amount + BigInt(amount.amount) });
    const waiting = new Map([...state.waiting, [paymentId, BigInt(amount.amount)]]);
    return { ...state, currency: amount.currency, decimals: amount.decimals, pooled, seen: new Set([...state.seen, paymentId]), waiting };
  }
  if (event.type === 'ConversionStarted') return { ...state, pooled: new Map(), conversions: state.conversions + 1, waiting: new Map() };
  if (event.type === 'SharePoolReversed') {
    const { channelId, paymentId, amount } = event.data;
    const pooled = new Map(state.pooled);
    const before = pooled.get(channelId);
    const left = before && { paymentIds: before.paymentIds.filter((id) => id !== paymentId), amount: before.amount - BigInt(amount.amount) };
    if (left && left.paymentIds.length > 0) pooled.set(channelId, left);
    else pooled.delete(channelId);
    const waiting = new Map(state.waiting);
    waiting.delete(paymentId);
    return { ...state, pooled, seen: new Set([...state.seen, paymentId]), waiting };
  }
  return state;
};

/** Once per payment: a waiting share leaves the pool; one not pooled yet is barred; a converted one stays owed. */
const reverse = ({ data }: ReversePooledShare, state: ConversionPoolState): ConversionPoolEvent[] => {
  const { channelId, paymentId, share, reversedAt } = data;
  const waiting = state.waiting.get(paymentId);
  if (waiting === undefined && state.seen.has(paymentId)) return [];
  const amount = moneyToJson({ ...share, amount: waiting ?? 0n });
  return [parseWithSchema(SharePoolReversedSchema, { type: 'SharePoolReversed', data: { channelId, paymentId, amount, reversedAt } }, 'SharePoolReversed')];
};

const decide = (command: ConversionPoolCommand, state: ConversionPoolState): ConversionPoolEvent[] => {
  if (command.type === 'ReversePooledShare') return reverse(command, state);
  const { channelId, paymentId, amount, toCurrency, poolValueInUsd, minimumUsd, pooledAt } = command.data;
  if (state.seen.has(paymentId)) return [];
  if (amount.amount <= 0n) throw new PayGateError('validation', 'a pooled share must be positive');
  if (state.currency !== undefined && state.currency !== amount.currency) throw new PayGateError('validation', `the pool holds ${state.currency}`);
  const pooledEvent = parseWithSchema(SharePooledSchema, { type: 'SharePooled', data: { channelId, paymentId, amount: moneyToJson(amount), pooledAt } }, 'SharePooled');
  if (poolValueInUsd === undefined || poolValueInUsd.currency !== 'USD' || poolValueInUsd.amount < minimumUsd.amount) return [pooledEvent];
  const after = evolve(state, pooledEvent);
  const shares = [...after.pooled].map(([id, pooled]) => ({ channelId: id, paymentIds: [...pooled.paymentIds], amount: moneyToJson({ ...amount, amount: pooled.amount }) }));
  const total = { ...amount, amount: [...after.pooled.values()].reduce((sum, pooled) => sum + pooled.amount, 0n) };
  const conversionId = `conversion-${amount.currency.toLowerCase()}-${state.conversions + 1}`;
  const started = { conversionId, amount: moneyToJson(total), toCurrency, shares, startedAt: pooledAt };
  return [pooledEvent, parseWithSchema(ConversionStartedSchema, { type: 'ConversionStarted', data: started }, 'ConversionStarted')];
};

/** Pools each share once; at MICROBATCH_MIN_USD the whole pool leaves in one conversion, numbered per currency. */
export const conversionPoolDecider: Decider<ConversionPoolCommand, ConversionPoolEvent, ConversionPoolState> = { initialState: initialConversionPoolState, evolve, decide };

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

export const ConversionPoolEventSchema = v.variant('type', [SharePooledSchema, ConversionStartedSchema]);
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

type PooledChannel = { readonly paymentIds: readonly string[]; readonly amount: bigint };

export type ConversionPoolState = {
  readonly currency?: string;
  readonly decimals?: number;
  readonly pooled: ReadonlyMap<string, PooledChannel>;
  readonly seen: ReadonlySet<string>;
  readonly conversions: number;
};

export const initialConversionPoolState: ConversionPoolState = { pooled: new Map(), seen: new Set(), conversions: 0 };

const evolve = (state: ConversionPoolState, event: ConversionPoolEvent): ConversionPoolState => {
  if (event.type === 'SharePooled') {
    const { channelId, paymentId, amount } = event.data;
    const pooled = new Map(state.pooled);
    const before = pooled.get(channelId) ?? { paymentIds: [], amount: 0n };
    pooled.set(channelId, { paymentIds: [...before.paymentIds, paymentId], amount: before.amount + BigInt(amount.amount) });
    return { ...state, currency: amount.currency, decimals: amount.decimals, pooled, seen: new Set([...state.seen, paymentId]) };
  }
  if (event.type === 'ConversionStarted') return { ...state, pooled: new Map(), conversions: state.conversions + 1 };
  return state;
};

const decide = (command: PoolShare, state: ConversionPoolState): ConversionPoolEvent[] => {
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
export const conversionPoolDecider: Decider<PoolShare, ConversionPoolEvent, ConversionPoolState> = { initialState: initialConversionPoolState, evolve, decide };

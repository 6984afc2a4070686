import {
  allocateConversion,
  conversionPoolDecider,
  conversionPoolStreamId,
  isUsdStableCoin,
  moneyFromJson,
  parseConversionPoolEvent,
  parsePayoutEvent,
  PayGateError,
  type ConversionStarted,
  type EventStore,
  type HostChain,
  type Money,
  type RecordedEvent,
} from '@paygate/domain';
import { causedBy } from '../access/subscription-store.ts';
import { handleCommand } from '../command-handler/index.ts';
import { deterministicId } from '../ids/index.ts';
import type { ProcessManager } from '../process-manager/index.ts';
import { runBalanceCommand, runPayoutCommand } from './payout-streams.ts';
import type { PayoutBalanceDeps } from './balance-manager.ts';
import { releaseRule } from './release-rule.ts';

/** Where conversions run: a payout to the host wallet itself, on no owner's account. */
export const CONVERSION_CHANNEL_ID = 'platform';

export type ConversionSettings = {
  /** The stable coin the host wallet converts into (the first USD stable coin it holds). */
  toCurrency: string;
  /** MICROBATCH_MIN_USD, in cents. */
  minimumUsd: Money;
};

/** USD cents of a stable-coin amount, rounded down. */
const usdOf = (stable: Money): Money => {
  const scale = stable.decimals - 2;
  return { amount: scale >= 0 ? stable.amount / 10n ** BigInt(scale) : stable.amount * 10n ** BigInt(-scale), currency: 'USD', decimals: 2 };
};

const loadPool = async (eventStore: EventStore, currency: string) => {
  const recorded = await eventStore.readStream(conversionPoolStreamId(currency));
  return { recorded, state: recorded.reduce((state, event) => conversionPoolDecider.evolve(state, parseConversionPoolEvent(event)), conversionPoolDecider.initialState) };
};

/** Whether a share waits in the conversion pool rather than in the channel's balance: threshold owners' shares in a coin that is no stable coin. */
export const pooledForConversion = (settings: { strategy: { strategy: string } | null }, share: Money, conversions: ConversionSettings | undefined): boolean =>
  conversions !== undefined && settings.strategy?.strategy === 'threshold' && !isUsdStableCoin(share.currency);

/** SharePooled (and ConversionStarted once the pool is worth the minimum), valued at ChangeNOW's market estimate. */
export const poolShare = async (
  deps: Pick<PayoutBalanceDeps, 'eventStore' | 'clock' | 'exchange'>,
  conversions: ConversionSettings,
  share: { channelId: string; paymentId: string; amount: Money },
  cause: RecordedEvent,
): Promise<void> => {
  const { state } = await loadPool(deps.eventStore, share.amount.currency);
  const pooled = [...state.pooled.values()].reduce((sum, channel) => sum + channel.amount, 0n);
  const value = await deps.exchange.estimateStandard({ ...share.amount, amount: pooled + share.amount.amount }, conversions.toCurrency);
  const command = {
    type: 'PoolShare' as const,
    data: { ...share, toCurrency: conversions.toCurrency, poolValueInUsd: usdOf(value), minimumUsd: conversions.minimumUsd, pooledAt: deps.clock().toISOString() },
  };
  await handleCommand({
    eventStore: deps.eventStore,
    streamId: conversionPoolStreamId(share.amount.currency),
    initialState: () => conversionPoolDecider.initialState,
    evolve: (current, event) => conversionPoolDecider.evolve(current, parseConversionPoolEvent(event)),
    decide: (current) => conversionPoolDecider.decide(command, current),
    eventId: (event, index) => deterministicId(event.type, cause.id, String(index)),
    metadata: causedBy(cause),
  });
};

/**
 * On SplitReversed with conversions on: a share waiting in the pool leaves it (SharePoolReversed);
 * one not pooled yet is barred from it when it would be pooled (a threshold owner's coin that is
 * no stable coin); a converted one stays owed. Nothing is recorded for a share the pool never had
 * and would not take.
 */
export const reversePooledShare = async (
  deps: Pick<PayoutBalanceDeps, 'eventStore' | 'clock'>,
  wouldPool: boolean,
  share: { channelId: string; paymentId: string; amount: Money },
  cause: RecordedEvent,
): Promise<void> => {
  const { state } = await loadPool(deps.eventStore, share.amount.currency);
  if (!state.waiting.has(share.paymentId) && !wouldPool) return;
  const command = { type: 'ReversePooledShare' as const, data: { channelId: share.channelId, paymentId: share.paymentId, share: share.amount, reversedAt: deps.clock().toISOString() } };
  await handleCommand({
    eventStore: deps.eventStore,
    streamId: conversionPoolStreamId(share.amount.currency),
    initialState: () => conversionPoolDecider.initialState,
    evolve: (current, event) => conversionPoolDecider.evolve(current, parseConversionPoolEvent(event)),
    decide: (current) => conversionPoolDecider.decide(command, current),
    eventId: (event) => deterministicId(event.type, cause.id),
    metadata: causedBy(cause),
  });
};

/** On ConversionStarted: the conversion starts as a payout to the host wallet's stable coin (the same never-twice pipeline). */
export const createConversionStarter = (deps: { eventStore: EventStore; clock: () => Date; chain: Pick<HostChain, 'address' | 'network'> }): ProcessManager => ({
  name: 'payout-conversion-starter',
  handles: ['ConversionStarted'],
  async handle(recorded) {
    const event = parseConversionPoolEvent(recorded);
    if (event.type !== 'ConversionStarted') return;
    const { conversionId, amount, toCurrency, shares } = event.data;
    const data = {
      payoutId: conversionId,
      paymentIds: shares.flatMap((share) => share.paymentIds),
      channelId: CONVERSION_CHANNEL_ID,
      purpose: 'conversion' as const,
      amount: moneyFromJson(amount),
      wallet: { address: deps.chain.address, network: 'ethereum' as const, currency: toCurrency },
      hostNetwork: deps.chain.network,
      startedAt: deps.clock().toISOString(),
    };
    await runPayoutCommand(deps.eventStore, conversionId, { type: 'StartPayout', data }, causedBy(recorded));
  },
});

const conversionOf = async (eventStore: EventStore, currency: string, conversionId: string): Promise<ConversionStarted> => {
  const { recorded } = await loadPool(eventStore, currency);
  const started = recorded.map(parseConversionPoolEvent).find((event): event is ConversionStarted => event.type === 'ConversionStarted' && event.data.conversionId === conversionId);
  if (!started) throw new PayGateError('not_found', `conversion ${conversionId} is not in the ${currency} pool`);
  return started;
};

/**
 * On a conversion's PayoutSent: its exact output is allocated back to the channels whose shares
 * went in (largest remainder: the parts sum to the output), each as PayoutAccumulated on the
 * channel's stable-coin balance, where the owner's threshold applies as usual.
 */
export const createConversionAllocator = (deps: PayoutBalanceDeps): ProcessManager => ({
  name: 'payout-conversion-allocator',
  handles: ['PayoutSent'],
  async handle(recorded) {
    const event = parsePayoutEvent(recorded);
    if (event.type !== 'PayoutSent' || event.data.purpose !== 'conversion') return;
    const { payoutId, amount, received } = event.data;
    const conversion = await conversionOf(deps.eventStore, amount.currency, payoutId);
    const output = moneyFromJson(received);
    const shares = conversion.data.shares.map((share) => ({ ownerId: share.channelId, amount: BigInt(share.amount.amount) }));
    const allocations = allocateConversion(shares, output.amount);
    for (const [index, share] of conversion.data.shares.entries()) {
      const allocated = allocations[index]!.amount;
      if (allocated <= 0n) continue; // a share too small to get a unit of the output
      const { channelId, paymentIds } = share;
      const settings = await deps.payoutSettingsFor(channelId);
      const part = { ...output, amount: allocated };
      const release = await releaseRule(settings, part, deps.exchange);
      const data = { channelId, conversionId: payoutId, paymentIds, amount: part, from: moneyFromJson(share.amount), release, accumulatedAt: deps.clock().toISOString() };
      await runBalanceCommand(deps.eventStore, channelId, output.currency, { type: 'AccumulatePayout', data }, {
        eventId: (accumulated, position) => deterministicId(accumulated.type, recorded.id, channelId, String(position)),
        metadata: causedBy(recorded),
      });
    }
  },
});

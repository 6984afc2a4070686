import {
  moneyFromJson,
  parseSplitEvent,
  payoutAccumulationDecider,
  splitStreamId,
  payoutAccumulationStreamId,
  parsePayoutAccumulationEvent,
  type ChannelPayoutSettings,
  type EventStore,
  type Money,
  type PayoutExchange,
  type RecordedEvent,
} from '@paygate/domain';
import { causedBy } from '../access/subscription-store.ts';
import { deterministicId } from '../ids/index.ts';
import type { ProcessManager } from '../process-manager/index.ts';
import { runBalanceCommand } from './payout-streams.ts';
import { pooledForConversion, poolShare, reversePooledShare, type ConversionSettings } from './conversions.ts';
import { releaseRule } from './release-rule.ts';

export const PAYOUT_BALANCE_MANAGER_NAME = 'payout-balance';

export type PayoutBalanceDeps = {
  eventStore: EventStore;
  clock: () => Date;
  exchange: Pick<PayoutExchange, 'estimateStandard'>;
  payoutSettingsFor(channelId: string): Promise<ChannelPayoutSettings>;
  /** Micro-batched conversions into a stable coin for threshold owners; absent: off. */
  conversions?: ConversionSettings;
};

/** The channel's balance in `currency` as its stream says now. */
export const loadBalance = async (eventStore: EventStore, channelId: string, currency: string) => {
  const recorded = await eventStore.readStream(payoutAccumulationStreamId(channelId, currency));
  return recorded.reduce((state, event) => payoutAccumulationDecider.evolve(state, parsePayoutAccumulationEvent(event)), payoutAccumulationDecider.initialState);
};

const splitReversed = async (eventStore: EventStore, paymentId: string): Promise<boolean> =>
  (await eventStore.readStream(splitStreamId(paymentId))).some((event) => event.type === 'SplitReversed');

const plus = (state: Awaited<ReturnType<typeof loadBalance>>, share: Money): Money =>
  state.currency === share.currency ? { ...share, amount: state.balance + share.amount } : share;

/**
 * On SplitCalculated: the owner's share joins the channel's balance in the settled currency
 * (PayoutAccumulated, once per payment), and leaves at once in a payout when the channel's
 * strategy and settings allow it (BatchPayoutStarted). A threshold owner's share in a coin that
 * is no stable coin goes to the conversion pool instead (see conversions.ts). A zero share (a 100%
 * fee) is nothing to pay, and so is a share whose split a refund already reversed.
 *
 * On SplitReversed: a share still waiting in the balance (or in the conversion pool) leaves it (PayoutAccumulationReversed, SharePoolReversed),
 * so no later payout pays money the payer got back; one already in a payout stays owed. Recorded
 * also when the share was not accumulated yet, which bars it (the two events may race).
 */
export const createPayoutBalanceManager = (deps: PayoutBalanceDeps): ProcessManager => ({
  name: PAYOUT_BALANCE_MANAGER_NAME,
  handles: ['SplitCalculated', 'SplitReversed'],
  async handle(recorded: RecordedEvent) {
    const event = parseSplitEvent(recorded);
    const { paymentId, channelId } = event.data;
    const share = moneyFromJson(event.data.ownerShare);
    if (share.amount <= 0n) return;
    if (event.type === 'SplitReversed') {
      if (deps.conversions) {
        const wouldPool = pooledForConversion(await deps.payoutSettingsFor(channelId), share, deps.conversions);
        await reversePooledShare(deps, wouldPool, { channelId, paymentId, amount: share }, recorded);
      }
      const command = { type: 'ReversePayoutAccumulation' as const, data: { channelId, paymentId, share, reversedAt: deps.clock().toISOString() } };
      await runBalanceCommand(deps.eventStore, channelId, share.currency, command, {
        eventId: (reversal) => deterministicId(reversal.type, recorded.id),
        metadata: causedBy(recorded),
      });
      return;
    }
    if (await splitReversed(deps.eventStore, paymentId)) return;
    const settings = await deps.payoutSettingsFor(channelId);
    if (deps.conversions && pooledForConversion(settings, share, deps.conversions)) return poolShare(deps, deps.conversions, { channelId, paymentId, amount: share }, recorded);
    const balance = await loadBalance(deps.eventStore, channelId, share.currency);
    const release = await releaseRule(settings, plus(balance, share), deps.exchange);
    const command = {
      type: 'AccumulatePayout' as const,
      data: { channelId, conversionId: paymentId, paymentIds: [paymentId], amount: share, release, accumulatedAt: deps.clock().toISOString() },
    };
    await runBalanceCommand(deps.eventStore, channelId, share.currency, command, {
      eventId: (accumulationEvent, index) => deterministicId(accumulationEvent.type, recorded.id, String(index)),
      metadata: causedBy(recorded),
    });
  },
});

import {
  isReceivedEvent,
  moneyFromJson,
  parsePaymentEvent,
  parseSplitEvent,
  paymentStreamId,
  PayGateError,
  refundTakesBackGrant,
  splitDecider,
  splitStreamId,
  type EventStore,
  type PaymentRefunded,
  type RecordedEvent,
  type SplitCommand,
  type SplitEvent,
  type SplitState,
} from '@paygate/domain';
import { causedBy } from '../access/subscription-store.ts';
import { handleCommand } from '../command-handler/index.ts';
import { deterministicId } from '../ids/index.ts';
import { loadChannel } from '../channel/index.ts';
import type { ProcessManager } from '../process-manager/index.ts';

export const SPLIT_MANAGER_NAME = 'split-manager';

export type SplitManagerDeps = {
  eventStore: EventStore;
  clock: () => Date;
  /** The platform fee then in force (PLATFORM_FEE_BPS), 0..10000. */
  feeBps: number;
};

/** The id of the one SplitCalculated a PaymentReceived (or DonationReceived) can cause. */
export const splitEventId = (paymentReceivedEventId: string): string => deterministicId('SplitCalculated', paymentReceivedEventId);

/** The id of the one SplitReversed a payment can have (whichever delivery of its refund appends it). */
export const splitReversedEventId = (paymentId: string): string => deterministicId('SplitReversed', paymentId);

const runSplitCommand = (eventStore: EventStore, paymentId: string, command: SplitCommand, eventId: string, cause: RecordedEvent) =>
  handleCommand<SplitState, SplitEvent>({
    eventStore,
    streamId: splitStreamId(paymentId),
    initialState: () => splitDecider.initialState,
    evolve: (state, splitEvent) => splitDecider.evolve(state, parseSplitEvent(splitEvent)),
    decide: (state) => splitDecider.decide(command, state),
    eventId: () => eventId,
    metadata: causedBy(cause),
  });

/**
 * On PaymentReceived (or DonationReceived: a donation is split the same way): CalculateSplit on `split-<paymentId>` with gross = the payment's outcome
 * (what the merchant wallet received) and the owner from the channel. A payment is split once:
 * the decider answers a second command with nothing, and the event id comes from the
 * PaymentReceived id, so even two deliveries racing each other append one SplitCalculated.
 *
 * On PaymentRefunded of a payment that had been received: ReverseSplit, once (its id comes from
 * the payment). A refund delivered before the PaymentReceived it undoes first splits the payment
 * from that PaymentReceived (the same id the other delivery will append), then reverses it, so
 * the order the broker delivers them in does not matter.
 */
export const createSplitManager = ({ eventStore, clock, feeBps }: SplitManagerDeps): ProcessManager => {
  if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps > 10_000) {
    throw new PayGateError('validation', 'feeBps must be an integer from 0 to 10000', { feeBps });
  }
  const calculate = async (recorded: RecordedEvent): Promise<void> => {
    const event = parsePaymentEvent(recorded);
    // A donation is split like a payment: its outcome is the gross, the platform takes its fee.
    if (event.type !== 'PaymentReceived' && event.type !== 'DonationReceived') return;
    const { paymentId, invoiceId, channelId, outcome } = event.data;
    const channel = await loadChannel(eventStore, channelId);
    const ownerId = channel.status === 'registered' ? channel.ownerId : undefined;
    const data = { paymentId, invoiceId, channelId, ...(ownerId === undefined ? {} : { ownerId }), gross: moneyFromJson(outcome), feeBps, calculatedAt: clock().toISOString() };
    await runSplitCommand(eventStore, paymentId, { type: 'CalculateSplit', data }, splitEventId(recorded.id), recorded);
  };

  const reverse = async (recorded: RecordedEvent, refunded: PaymentRefunded['data']): Promise<void> => {
    if (!refundTakesBackGrant(refunded)) return;
    const { paymentId } = refunded;
    const command: SplitCommand = { type: 'ReverseSplit', data: { paymentId, reason: 'refunded', reversedAt: clock().toISOString() } };
    const streamId = splitStreamId(paymentId);
    const split = await eventStore.readStream(streamId, { maxCount: 1 });
    if (split.length === 0) {
      const received = (await eventStore.readStream(paymentStreamId(paymentId))).find((event) => isReceivedEvent(event));
      // An event from before `granted` existed guessed from previousStatus: no PaymentReceived, nothing was split.
      if (!received) return;
      await calculate(received);
    }
    await runSplitCommand(eventStore, paymentId, command, splitReversedEventId(paymentId), recorded);
  };

  return {
    name: SPLIT_MANAGER_NAME,
    handles: ['PaymentReceived', 'DonationReceived', 'PaymentRefunded'],
    async handle(recorded: RecordedEvent) {
      const event = parsePaymentEvent(recorded);
      if (event.type === 'PaymentReceived' || event.type === 'DonationReceived') return calculate(recorded);
      if (event.type === 'PaymentRefunded') return reverse(recorded, event.data);
    },
  };
};

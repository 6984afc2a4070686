import {
  moneyFromJson,
  parsePaymentEvent,
  parseSplitEvent,
  PayGateError,
  splitDecider,
  splitStreamId,
  type EventStore,
  type RecordedEvent,
  type SplitEvent,
  type SplitState,
} from '@paygate/domain';
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

/** The id of the one SplitCalculated a PaymentReceived can cause. */
export const splitEventId = (paymentReceivedEventId: string): string => deterministicId('SplitCalculated', paymentReceivedEventId);

/**
 * On PaymentReceived: CalculateSplit on `split-<paymentId>` with gross = the payment's outcome
 * (what the merchant wallet received) and the owner from the channel. A payment is split once:
 * the decider answers a second command with nothing, and the event id comes from the
 * PaymentReceived id, so even two deliveries racing each other append one SplitCalculated.
 */
export const createSplitManager = ({ eventStore, clock, feeBps }: SplitManagerDeps): ProcessManager => {
  if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps > 10_000) {
    throw new PayGateError('validation', 'feeBps must be an integer from 0 to 10000', { feeBps });
  }
  return {
    name: SPLIT_MANAGER_NAME,
    handles: ['PaymentReceived'],
    async handle(recorded: RecordedEvent) {
      const event = parsePaymentEvent(recorded);
      if (event.type !== 'PaymentReceived') return;
      const { paymentId, invoiceId, channelId, outcome } = event.data;
      const channel = await loadChannel(eventStore, channelId);
      const ownerId = channel.status === 'registered' ? channel.ownerId : undefined;
      const gross = moneyFromJson(outcome);
      const streamId = splitStreamId(paymentId);
      await handleCommand<SplitState, SplitEvent>({
        eventStore,
        streamId,
        initialState: () => splitDecider.initialState,
        evolve: (state, splitEvent) => splitDecider.evolve(state, parseSplitEvent(splitEvent)),
        decide: (state) =>
          splitDecider.decide(
            {
              type: 'CalculateSplit',
              data: { paymentId, invoiceId, channelId, ...(ownerId === undefined ? {} : { ownerId }), gross, feeBps, calculatedAt: clock().toISOString() },
            },
            state,
          ),
        eventId: () => splitEventId(recorded.id),
        metadata: {
          correlationId: typeof recorded.metadata.correlationId === 'string' ? recorded.metadata.correlationId : recorded.id,
          causationId: recorded.id,
          ...(typeof recorded.metadata.traceparent === 'string' ? { traceparent: recorded.metadata.traceparent } : {}),
        },
      });
    },
  };
};

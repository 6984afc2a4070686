import {
  hotWalletDecider,
  hotWalletStreamId,
  parseHotWalletEvent,
  parsePayoutAccumulationEvent,
  parsePayoutEvent,
  payoutAccumulationDecider,
  payoutAccumulationStreamId,
  payoutDecider,
  payoutStreamId,
  type Decider,
  type DomainEvent,
  type EventMetadata,
  type EventStore,
  type HotWalletCommand,
  type PayoutAccumulationCommand,
  type PayoutCommand,
  type PayoutState,
  type RecordedEvent,
} from '@paygate/domain';
import { handleCommand, type CommandResult } from '../command-handler/index.ts';

type Parse<E> = (event: { type: string; data: unknown }) => E;

/** Load, decide, append at the revision decided on: one command on one of the payout streams. */
const runOn = <C, E extends DomainEvent, S>(decider: Decider<C, E, S>, parse: Parse<E>) =>
  (eventStore: EventStore, streamId: string, command: C, options: { eventId?: (event: E, index: number) => string; metadata?: EventMetadata; maxAttempts?: number } = {}): Promise<CommandResult<E>> =>
    handleCommand<S, E>({
      eventStore,
      streamId,
      initialState: () => decider.initialState,
      evolve: (state, event) => decider.evolve(state, parse(event)),
      decide: (state) => decider.decide(command, state),
      ...options,
    });

const onPayout = runOn(payoutDecider, parsePayoutEvent);
const onBalance = runOn(payoutAccumulationDecider, parsePayoutAccumulationEvent);
const onHotWallet = runOn(hotWalletDecider, parseHotWalletEvent);

export const runPayoutCommand = (eventStore: EventStore, payoutId: string, command: PayoutCommand, metadata?: EventMetadata) =>
  onPayout(eventStore, payoutStreamId(payoutId), command, metadata === undefined ? {} : { metadata });

export const runBalanceCommand = (
  eventStore: EventStore,
  channelId: string,
  currency: string,
  command: PayoutAccumulationCommand,
  options: { eventId?: (event: DomainEvent, index: number) => string; metadata?: EventMetadata } = {},
) => onBalance(eventStore, payoutAccumulationStreamId(channelId, currency), command, options);

export const runHotWalletCommand = (eventStore: EventStore, network: string, address: string, command: HotWalletCommand, maxAttempts?: number) =>
  onHotWallet(eventStore, hotWalletStreamId(network, address), command, maxAttempts === undefined ? {} : { maxAttempts });

/** The payout with its recorded events (for `payouts show` and the pipeline). */
export const loadPayout = async (eventStore: EventStore, payoutId: string): Promise<{ state: PayoutState; events: readonly RecordedEvent[] }> => {
  const events = await eventStore.readStream(payoutStreamId(payoutId));
  const state = events.reduce((current, event) => payoutDecider.evolve(current, parsePayoutEvent(event)), payoutDecider.initialState);
  return { state, events };
};

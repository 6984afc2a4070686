import {
  parsePayoutSettingsEvent,
  payoutSettingsDecider,
  payoutSettingsStreamId,
  type ChannelOwnership,
  type EventMetadata,
  type EventStore,
  type Money,
  type PayoutSettingsCommand,
  type PayoutSettingsEvent,
  type PayoutSettingsState,
} from '@paygate/domain';
import { loadChannel } from '../channel/index.ts';
import { handleCommand, type CommandResult } from '../command-handler/index.ts';

export type PayoutSettingsCommandDeps = { eventStore: EventStore; clock: () => Date };

export type SetPayoutWalletRequest = { channelId: string; requestedBy: string; address: string; network: string; currency: string };
export type ChoosePayoutStrategyRequest = {
  channelId: string;
  requestedBy: string;
  strategy: 'instant' | 'threshold';
  threshold?: Money;
};

export type PayoutSettingsCommands = {
  /** PayoutWalletSet; `[]` when it is already the wallet. Errors: not_found, forbidden (not the owner), validation (address, network, currency). */
  setPayoutWallet(request: SetPayoutWalletRequest, metadata?: EventMetadata): Promise<CommandResult<PayoutSettingsEvent>>;
  /** PayoutStrategyChosen; needs a wallet first (conflict). */
  choosePayoutStrategy(request: ChoosePayoutStrategyRequest, metadata?: EventMetadata): Promise<CommandResult<PayoutSettingsEvent>>;
  loadPayoutSettings(channelId: string): Promise<PayoutSettingsState>;
};

const evolve = (state: PayoutSettingsState, event: { type: string; data: unknown }) =>
  payoutSettingsDecider.evolve(state, parsePayoutSettingsEvent(event));

export const createPayoutSettingsCommands = ({ eventStore, clock }: PayoutSettingsCommandDeps): PayoutSettingsCommands => {
  const ownership = async (channelId: string): Promise<ChannelOwnership> => {
    const channel = await loadChannel(eventStore, channelId);
    return channel.status === 'registered' ? { channelId: channel.channelId, ownerId: channel.ownerId } : null;
  };

  const run = (channelId: string, command: PayoutSettingsCommand, metadata: EventMetadata | undefined) =>
    handleCommand<PayoutSettingsState, PayoutSettingsEvent>({
      eventStore,
      streamId: payoutSettingsStreamId(channelId),
      initialState: () => payoutSettingsDecider.initialState,
      evolve,
      decide: (state) => payoutSettingsDecider.decide(command, state),
      ...(metadata === undefined ? {} : { metadata }),
    });

  return {
    async setPayoutWallet(request, metadata) {
      const channel = await ownership(request.channelId);
      return run(request.channelId, { type: 'SetPayoutWallet', data: { ...request, channel, setAt: clock().toISOString() } }, metadata);
    },
    async choosePayoutStrategy(request, metadata) {
      const channel = await ownership(request.channelId);
      const { threshold, ...rest } = request;
      const data = { ...rest, channel, chosenAt: clock().toISOString(), ...(threshold === undefined ? {} : { threshold }) };
      return run(request.channelId, { type: 'ChoosePayoutStrategy', data }, metadata);
    },
    async loadPayoutSettings(channelId) {
      const recorded = await eventStore.readStream(payoutSettingsStreamId(channelId));
      return recorded.reduce<PayoutSettingsState>(evolve, payoutSettingsDecider.initialState);
    },
  };
};

import {
  channelPayoutSettings,
  DEFAULT_WALLET_HOLD_SECONDS,
  parsePayoutSettingsEvent,
  payoutSettingsDecider,
  payoutSettingsStreamId,
  type ChannelOwnership,
  type ChannelPayoutSettings,
  type EventMetadata,
  type EventStore,
  type Money,
  type PayoutSettingsCommand,
  type PayoutSettingsEvent,
  type PayoutSettingsState,
} from '@paygate/domain';
import { loadChannel } from '../channel/index.ts';
import { handleCommand, type CommandResult } from '../command-handler/index.ts';

export type PayoutSettingsCommandDeps = {
  eventStore: EventStore;
  clock: () => Date;
  /** How long a change of an existing wallet stays pending (PAYOUT_WALLET_HOLD_HOURS); default 48 h. */
  walletHoldSeconds?: number;
};

export type SetPayoutWalletRequest = { channelId: string; requestedBy: string; address: string; network: string; currency: string };
export type CancelPayoutWalletChangeRequest = { channelId: string; requestedBy: string; changeNumber: number };
export type ChoosePayoutStrategyRequest = {
  channelId: string;
  requestedBy: string;
  strategy: 'instant' | 'threshold';
  threshold?: Money;
};

export type PayoutSettingsCommands = {
  /**
   * The first wallet: PayoutWalletSet, in effect at once. A change: PayoutWalletChangeRequested
   * (after PayoutWalletChangeCancelled of a pending one it replaces), in effect after the hold.
   * `[]` when nothing changes. Errors: not_found, forbidden (not the owner), validation.
   */
  setPayoutWallet(request: SetPayoutWalletRequest, metadata?: EventMetadata): Promise<CommandResult<PayoutSettingsEvent>>;
  /** PayoutWalletChangeCancelled; `[]` if already cancelled; conflict with `details.reason` 'in_effect' or 'replaced'. */
  cancelPayoutWalletChange(request: CancelPayoutWalletChangeRequest, metadata?: EventMetadata): Promise<CommandResult<PayoutSettingsEvent>>;
  /** PayoutStrategyChosen; needs a wallet first (conflict). */
  choosePayoutStrategy(request: ChoosePayoutStrategyRequest, metadata?: EventMetadata): Promise<CommandResult<PayoutSettingsEvent>>;
  /** The settings as their events left them (a due change not applied yet: read `payoutSettingsFor`). */
  loadPayoutSettings(channelId: string): Promise<PayoutSettingsState>;
  /**
   * What payouts read: the wallet in effect now (the old one until a change's effectiveAt), the
   * pending change, the strategy, the channel's owner and payout hold, and `blockedBy` — null
   * when a payout may go out now.
   */
  payoutSettingsFor(channelId: string): Promise<ChannelPayoutSettings>;
};

const evolve = (state: PayoutSettingsState, event: { type: string; data: unknown }) =>
  payoutSettingsDecider.evolve(state, parsePayoutSettingsEvent(event));

export const createPayoutSettingsCommands = ({ eventStore, clock, walletHoldSeconds = DEFAULT_WALLET_HOLD_SECONDS }: PayoutSettingsCommandDeps): PayoutSettingsCommands => {
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

  const loadPayoutSettings = async (channelId: string) => {
    const recorded = await eventStore.readStream(payoutSettingsStreamId(channelId));
    return recorded.reduce<PayoutSettingsState>(evolve, payoutSettingsDecider.initialState);
  };

  return {
    async setPayoutWallet(request, metadata) {
      const channel = await ownership(request.channelId);
      const data = { ...request, channel, setAt: clock().toISOString(), holdSeconds: walletHoldSeconds };
      return run(request.channelId, { type: 'SetPayoutWallet', data }, metadata);
    },
    async cancelPayoutWalletChange(request, metadata) {
      const channel = await ownership(request.channelId);
      return run(request.channelId, { type: 'CancelPayoutWalletChange', data: { ...request, channel, cancelledAt: clock().toISOString() } }, metadata);
    },
    async choosePayoutStrategy(request, metadata) {
      const channel = await ownership(request.channelId);
      const { threshold, ...rest } = request;
      const data = { ...rest, channel, chosenAt: clock().toISOString(), ...(threshold === undefined ? {} : { threshold }) };
      return run(request.channelId, { type: 'ChoosePayoutStrategy', data }, metadata);
    },
    loadPayoutSettings,
    async payoutSettingsFor(channelId) {
      const [channel, settings] = await Promise.all([loadChannel(eventStore, channelId), loadPayoutSettings(channelId)]);
      return channelPayoutSettings(channelId, channel, settings, clock());
    },
  };
};

import type { Decider } from '../decider/decider.ts';
import { parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import { moneyEquals, moneyToJson } from '../money/index.ts';
import { assertPayoutThreshold } from './payout-networks.ts';
import type { ChannelOwnership, ChoosePayoutStrategy, PayoutSettingsCommand } from './payout-settings-commands.ts';
import { PayoutStrategyChosenSchema, type PayoutSettingsEvent } from './payout-settings-events.ts';
import { evolvePayoutSettings, initialPayoutSettingsState, type PayoutSettingsState } from './payout-settings-state.ts';
import { cancelPayoutWalletChange, setPayoutWallet } from './wallet-change.ts';

/** Only the channel's owner changes where its money goes. */
const requireOwner = (channel: ChannelOwnership, channelId: string, requestedBy: string): string => {
  if (channel === null || channel.channelId !== channelId) {
    throw new PayGateError('not_found', `channel ${channelId} is not registered`, { channelId });
  }
  if (channel.ownerId !== requestedBy) {
    throw new PayGateError('forbidden', 'only the channel owner can change its payout settings', { channelId });
  }
  return channel.ownerId;
};

const chooseStrategy = (command: ChoosePayoutStrategy, state: PayoutSettingsState): PayoutSettingsEvent[] => {
  const { channel, channelId, requestedBy, strategy, threshold, chosenAt } = command.data;
  const ownerId = requireOwner(channel, channelId, requestedBy);
  if (state.wallet === null) throw new PayGateError('conflict', 'set a payout wallet before choosing a payout strategy', { channelId });
  const current = state.strategy;
  if (strategy === 'instant') {
    if (threshold !== undefined) throw new PayGateError('validation', 'the instant strategy takes no threshold', { field: 'threshold' });
    if (current?.strategy === 'instant') return [];
    const data = { strategy, channelId, ownerId, chosenAt };
    return [parseWithSchema(PayoutStrategyChosenSchema, { type: 'PayoutStrategyChosen', data }, 'PayoutStrategyChosen')];
  }
  if (strategy !== 'threshold') throw new PayGateError('validation', 'strategy must be instant or threshold', { field: 'strategy' });
  if (threshold === undefined) throw new PayGateError('validation', 'the threshold strategy needs a threshold', { field: 'threshold' });
  assertPayoutThreshold(threshold);
  if (current?.strategy === 'threshold' && moneyEquals(current.threshold, threshold)) return [];
  const data = { strategy, channelId, ownerId, threshold: moneyToJson(threshold), chosenAt };
  return [parseWithSchema(PayoutStrategyChosenSchema, { type: 'PayoutStrategyChosen', data }, 'PayoutStrategyChosen')];
};

/**
 * Stream `payout-settings-<channelId>`. Rules: only the channel's owner sets them; the wallet is
 * an EIP-55 checksummed EVM address on a supported network, in a currency offered there; the
 * first wallet is in effect at once, a change waits out the hold and can be cancelled until then
 * (wallet-change.ts); a strategy needs a wallet first; threshold payouts need a USD threshold
 * from 10.00 to 1,000,000.00. Repeating the current settings changes nothing.
 */
export const payoutSettingsDecider: Decider<PayoutSettingsCommand, PayoutSettingsEvent, PayoutSettingsState> = {
  initialState: initialPayoutSettingsState,
  evolve: evolvePayoutSettings,
  decide(command, state) {
    switch (command.type) {
      case 'SetPayoutWallet':
        return setPayoutWallet(command, requireOwner(command.data.channel, command.data.channelId, command.data.requestedBy), state);
      case 'CancelPayoutWalletChange':
        return cancelPayoutWalletChange(command, requireOwner(command.data.channel, command.data.channelId, command.data.requestedBy), state);
      case 'ChoosePayoutStrategy':
        return chooseStrategy(command, state);
    }
  },
};

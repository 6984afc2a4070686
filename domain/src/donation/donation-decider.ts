import type { Decider } from '../decider/decider.ts';
import { parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import { moneyEquals, moneyToJson } from '../money/index.ts';
import { assertDonationAmount } from './donation-amount.ts';
import type { ConfigureDonations, DonationsCommand, RecordDonationMessage } from './donation-commands.ts';
import { DonationMessagePostedSchema, DonationsConfiguredSchema, MAX_DONATION_PRESETS, type DonationsEvent } from './donation-events.ts';
import { evolveDonations, initialDonationsState, type DonationsState } from './donation-state.ts';

const configure = (command: ConfigureDonations, state: DonationsState): DonationsEvent[] => {
  const { channelId, ownerId, requestedBy, presets, postInPublic, enabled, configuredAt } = command.data;
  if (ownerId === null) throw new PayGateError('not_found', `channel ${channelId} is not registered`, { channelId });
  if (requestedBy !== ownerId) throw new PayGateError('forbidden', `only the owner of channel ${channelId} can configure its donations`, { channelId });
  if (presets.length < 1 || presets.length > MAX_DONATION_PRESETS) {
    throw new PayGateError('validation', `donations need 1 to ${MAX_DONATION_PRESETS} preset amounts, not ${presets.length}`, { count: presets.length });
  }
  presets.forEach(assertDonationAmount);
  if (presets.some((preset, i) => presets.findIndex((other) => moneyEquals(other, preset)) !== i)) {
    throw new PayGateError('validation', 'the preset amounts must differ from each other');
  }
  if (state.status === 'configured') {
    const samePresets = state.presets.length === presets.length && state.presets.every((p, i) => moneyEquals(p, presets[i]!));
    if (samePresets && state.postInPublic === postInPublic && state.enabled === enabled) return [];
  }
  const data = { channelId, presets: presets.map(moneyToJson), postInPublic, enabled, configuredBy: requestedBy, configuredAt };
  return [parseWithSchema(DonationsConfiguredSchema, { type: 'DonationsConfigured', data }, 'DonationsConfigured')];
};

const recordMessage = (command: RecordDonationMessage, state: DonationsState): DonationsEvent[] => {
  const { channelId, chatId, messageId } = command.data;
  if (state.status !== 'configured') throw new PayGateError('not_found', `donations are not enabled for channel ${channelId}`, { channelId });
  if (state.messages.get(chatId) === messageId) return [];
  return [parseWithSchema(DonationMessagePostedSchema, { type: 'DonationMessagePosted', data: command.data }, 'DonationMessagePosted')];
};

/**
 * Stream `donations-<channelId>`. Rules: only the channel's owner enables or changes donations;
 * 1-6 distinct preset amounts, each within the donation limits (also while paused: the presets
 * are kept for when they resume); the same settings again change nothing. A Donate message is recorded per chat once donations are enabled; the same message
 * again changes nothing, a new one (re-posted) replaces it.
 */
export const donationsDecider: Decider<DonationsCommand, DonationsEvent, DonationsState> = {
  initialState: initialDonationsState,
  evolve: evolveDonations,
  decide(command, state) {
    switch (command.type) {
      case 'ConfigureDonations':
        return configure(command, state);
      case 'RecordDonationMessage':
        return recordMessage(command, state);
    }
  },
};

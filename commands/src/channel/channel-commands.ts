import {
  channelDecider,
  channelStreamId,
  parseChannelEvent,
  type ChannelCommand,
  type ChannelEvent,
  type ChannelState,
  type EventMetadata,
  type EventStore,
  type Money,
  type OwnerChatStatus,
} from '@paygate/domain';
import { handleCommand, type CommandResult } from '../command-handler/index.ts';
import { deterministicId } from '../ids/index.ts';

export type ChannelCommandDeps = {
  eventStore: EventStore;
  /** The domain has no clock: commands carry the time this gives. */
  clock: () => Date;
};

/** `creatorId`: the chat's creator from a fresh Telegram lookup (the bot); the owner must be them. Absent for an operator's registration. */
export type RegisterChannelInput = { channelId: string; chatId: string; ownerId: string; title: string; creatorId?: string | null };
export type PriceTierInput = { channelId: string; tierId: string; name: string; price: Money; durationDays: number };
export type RetireTierInput = { channelId: string; tierId: string };
/** `creatorId`: the chat's creator from a fresh Telegram lookup made for this claim (null: none found). */
export type ClaimOwnershipInput = { channelId: string; claimantId: string; creatorId: string | null };
export type RecordOwnerStatusInput = { channelId: string; userId: string; status: OwnerChatStatus };

export type ChannelCommands = {
  registerChannel(input: RegisterChannelInput, metadata?: EventMetadata): Promise<CommandResult<ChannelEvent>>;
  /** Prices a new tier or re-prices one; identical terms append nothing. */
  priceTier(input: PriceTierInput, metadata?: EventMetadata): Promise<CommandResult<ChannelEvent>>;
  /** Retiring twice appends nothing. */
  retireTier(input: RetireTierInput, metadata?: EventMetadata): Promise<CommandResult<ChannelEvent>>;
  /** ChannelOwnershipClaimed (+ ChannelPayoutsResumed when held); `[]` when it is already theirs. Errors: not_found, forbidden (not the creator). */
  claimOwnership(input: ClaimOwnershipInput, metadata?: EventMetadata): Promise<CommandResult<ChannelEvent>>;
  /** ChannelPayoutsHeld / ChannelPayoutsResumed when the owner's status crosses admin / not admin; `[]` otherwise. */
  recordOwnerStatus(input: RecordOwnerStatusInput, metadata?: EventMetadata): Promise<CommandResult<ChannelEvent>>;
};

const evolve = (state: ChannelState, event: ChannelEvent): ChannelState => channelDecider.evolve(state, parseChannelEvent(event));

/** Owner commands on `channel-<channelId>`; the rules are the channel decider's (docs/payments.md). */
export const createChannelCommands = ({ eventStore, clock }: ChannelCommandDeps): ChannelCommands => {
  const run = (channelId: string, command: ChannelCommand, metadata: EventMetadata | undefined, eventId?: () => string) =>
    handleCommand<ChannelState, ChannelEvent>({
      eventStore,
      streamId: channelStreamId(channelId),
      initialState: () => channelDecider.initialState,
      evolve,
      decide: (state) => channelDecider.decide(command, state),
      ...(eventId === undefined ? {} : { eventId }),
      ...(metadata === undefined ? {} : { metadata }),
    });
  const now = () => clock().toISOString();

  return {
    // A channel registers once, so its event id can come from what is registered: the same
    // registration retried while the first is still in flight is an idempotent append, while a
    // different one racing it still meets the decider's "already registered".
    registerChannel: (input, metadata) =>
      run(input.channelId, { type: 'RegisterChannel', data: { ...input, registeredAt: now() } }, metadata, () =>
        deterministicId('ChannelRegistered', input.channelId, input.chatId, input.ownerId, input.title),
      ),
    priceTier: (input, metadata) => run(input.channelId, { type: 'PriceTier', data: { ...input, pricedAt: now() } }, metadata),
    retireTier: (input, metadata) =>
      run(input.channelId, { type: 'RetireTier', data: { ...input, retiredAt: now() } }, metadata, () =>
        deterministicId('TierRetired', input.channelId, input.tierId),
      ),
    claimOwnership: (input, metadata) => run(input.channelId, { type: 'ClaimChannelOwnership', data: { ...input, claimedAt: now() } }, metadata),
    recordOwnerStatus: (input, metadata) => run(input.channelId, { type: 'RecordOwnerStatus', data: { ...input, observedAt: now() } }, metadata),
  };
};

import { parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import type { ClaimChannelOwnership, RecordOwnerStatus, RegisterChannel } from './channel-commands.ts';
import {
  ChannelOwnershipClaimedSchema,
  ChannelPayoutsHeldSchema,
  ChannelPayoutsResumedSchema,
  type ChannelEvent,
  type OwnerChatStatus,
} from './channel-events.ts';
import type { ChannelState } from './channel-state.ts';

type Registered = Extract<ChannelState, { status: 'registered' }>;

/** Statuses that keep the right to manage the channel (and to be paid for it). */
export const isChatAdminStatus = (status: OwnerChatStatus): boolean => status === 'creator' || status === 'administrator';

/**
 * The owner of record is the chat's Telegram creator: an administrator could be removed by the
 * creator at any moment, so money must not follow them. A registration that names the creator
 * (the bot's) must be by the creator; an operator's registration names none.
 */
export const assertRegisteredByCreator = (command: RegisterChannel): void => {
  const { creatorId, ownerId, channelId } = command.data;
  if (creatorId === undefined || creatorId === ownerId) return;
  throw new PayGateError('forbidden', 'only the creator of the channel can register it', { channelId, reason: 'not_creator' });
};

/**
 * The creator takes over a channel someone else registered (before the creator rule, by the
 * CLI, or before Telegram ownership was transferred). Claiming one's own channel changes nothing.
 * Payouts held because the previous owner lost their rights resume: the new owner is the creator.
 */
export const claimOwnership = (command: ClaimChannelOwnership, channel: Registered): ChannelEvent[] => {
  const { channelId, claimantId, creatorId, claimedAt } = command.data;
  if (creatorId !== claimantId) {
    throw new PayGateError('forbidden', 'only the creator of the channel can claim it', { channelId, reason: 'not_creator' });
  }
  if (channel.ownerId === claimantId) return [];
  const claimed = parseWithSchema(
    ChannelOwnershipClaimedSchema,
    { type: 'ChannelOwnershipClaimed', data: { channelId, previousOwnerId: channel.ownerId, ownerId: claimantId, claimedAt } },
    'ChannelOwnershipClaimed',
  );
  if (channel.payoutsHeld === null) return [claimed];
  const resumed = parseWithSchema(
    ChannelPayoutsResumedSchema,
    { type: 'ChannelPayoutsResumed', data: { channelId, ownerId: claimantId, reason: 'ownership_claimed', resumedAt: claimedAt } },
    'ChannelPayoutsResumed',
  );
  return [claimed, resumed];
};

/**
 * Payouts are held while the owner of record is not an administrator of the chat, and resume
 * when they are again. Statuses of other users, and repeats, change nothing.
 */
export const recordOwnerStatus = (command: RecordOwnerStatus, channel: Registered): ChannelEvent[] => {
  const { channelId, userId, status, observedAt } = command.data;
  if (userId !== channel.ownerId) return [];
  if (isChatAdminStatus(status)) {
    if (channel.payoutsHeld === null) return [];
    const data = { channelId, ownerId: userId, reason: 'owner_admin_again', resumedAt: observedAt };
    return [parseWithSchema(ChannelPayoutsResumedSchema, { type: 'ChannelPayoutsResumed', data }, 'ChannelPayoutsResumed')];
  }
  if (channel.payoutsHeld !== null) return [];
  const data = { channelId, ownerId: userId, reason: 'owner_not_admin', ownerStatus: status, heldAt: observedAt };
  return [parseWithSchema(ChannelPayoutsHeldSchema, { type: 'ChannelPayoutsHeld', data }, 'ChannelPayoutsHeld')];
};

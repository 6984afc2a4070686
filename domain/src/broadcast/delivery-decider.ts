import type { Decider } from '../decider/decider.ts';
import { parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import type { DeliveryCommand } from './delivery-commands.ts';
import { DeliveryEventSchema, RECIPIENTS_PER_CHUNK, type DeliveryEvent } from './delivery-events.ts';
import { evolveDelivery, initialDeliveryState, isListed, type DeliveryState } from './delivery-state.ts';

const event = (type: DeliveryEvent['type'], data: object): DeliveryEvent => parseWithSchema(DeliveryEventSchema, { type, data }, type);

const requireClaimed = (state: DeliveryState, chatId: string) => {
  if (!state.claimed.has(chatId)) throw new PayGateError('conflict', `chat ${chatId} was not claimed for this occurrence`, { chatId });
};

const decideDelivery = (command: DeliveryCommand, state: DeliveryState): DeliveryEvent[] => {
  const { broadcastId, occurrence, at } = command.data;
  switch (command.type) {
    case 'ListBroadcastRecipients': {
      if (state.listedChunks > 0) return [];
      const chatIds = [...new Set(command.data.chatIds)];
      const chunks = Math.max(1, Math.ceil(chatIds.length / RECIPIENTS_PER_CHUNK));
      return Array.from({ length: chunks }, (_, chunk) =>
        event('BroadcastRecipientsListed', {
          broadcastId,
          occurrence,
          chunk,
          chunks,
          chatIds: chatIds.slice(chunk * RECIPIENTS_PER_CHUNK, (chunk + 1) * RECIPIENTS_PER_CHUNK),
          listedAt: at,
        }),
      );
    }
    case 'ClaimBroadcastDelivery': {
      if (!isListed(state)) throw new PayGateError('conflict', 'the recipients are not listed yet', { broadcastId });
      const unknown = command.data.chatIds.find((chatId) => !state.listed.has(chatId));
      if (unknown !== undefined) throw new PayGateError('validation', `chat ${unknown} is not a recipient of this occurrence`, { chatId: unknown });
      const chatIds = [...new Set(command.data.chatIds)].filter((chatId) => !state.done.has(chatId) && !state.claimed.has(chatId));
      return chatIds.length === 0 ? [] : [event('BroadcastDeliveryClaimed', { broadcastId, occurrence, chatIds, runId: command.data.runId, claimedAt: at })];
    }
    case 'RecordBroadcastSent': {
      const { chatId, messageId } = command.data;
      if (state.done.has(chatId)) return [];
      requireClaimed(state, chatId);
      return [event('BroadcastSent', { broadcastId, occurrence, chatId, messageId, sentAt: at })];
    }
    case 'RecordBroadcastFailed': {
      const { chatId, reason, permanent } = command.data;
      if (state.done.has(chatId)) return [];
      requireClaimed(state, chatId);
      return [event('BroadcastFailed', { broadcastId, occurrence, chatId, reason, permanent, failedAt: at })];
    }
    case 'ReleaseBroadcastDelivery': {
      const chatIds = [...new Set(command.data.chatIds)].filter((chatId) => state.claimed.has(chatId));
      const systemic = command.data.systemic === true ? { systemic: true } : {};
      return chatIds.length === 0 ? [] : [event('BroadcastDeliveryReleased', { broadcastId, occurrence, chatIds, reason: command.data.reason, ...systemic, releasedAt: at })];
    }
    case 'AbandonBroadcastDelivery': {
      const { reason } = command.data;
      const chatIds = [...new Set(command.data.chatIds)].filter((chatId) => state.listed.has(chatId) && !state.done.has(chatId));
      return chatIds.map((chatId) => event('BroadcastFailed', { broadcastId, occurrence, chatId, reason, permanent: true, failedAt: at }));
    }
    case 'InterruptBroadcastClaims':
      return [...state.claimed].map((chatId) =>
        event('BroadcastFailed', { broadcastId, occurrence, chatId, reason: 'interrupted', permanent: true, failedAt: at }),
      );
  }
};

/**
 * Stream `broadcast-delivery-<broadcastId>-<occurrenceKey>`. Rules: recipients are listed once
 * (frozen); a chat is claimed before it is sent and has one outcome (sent or failed); chats
 * claimed by a sender that died are failed as `interrupted` — delivery is at most once per chat;
 * claimed chats Telegram certainly did not get are released (pending again).
 * `initialState` is a fresh state on every read (the fold updates its sets in place).
 */
export const deliveryDecider: Decider<DeliveryCommand, DeliveryEvent, DeliveryState> = {
  get initialState() {
    return initialDeliveryState();
  },
  evolve: evolveDelivery,
  decide: decideDelivery,
};

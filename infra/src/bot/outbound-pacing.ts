import type { OutboundPacing } from '@paygate/bot';
import { createThrottleQueue, throttleKeyFor, type TelegramPriority, type ThrottleQueue } from '@paygate/gateways';

/** Bot API calls that grant or take away access; the bot makes them when it answers join requests. */
const ACCESS_METHODS = new Set(['approveChatJoinRequest', 'declineChatJoinRequest', 'banChatMember', 'unbanChatMember', 'createChatInviteLink', 'revokeChatInviteLink']);

/** The bot's own calls: access calls first; its replies and messages rank with owner notices. */
export const botCallPriority = (method: string): TelegramPriority => (ACCESS_METHODS.has(method) ? 'access' : 'notice');

/**
 * The process's shared Telegram queue (global budget, per private chat, per group, priorities)
 * as the bot's pacing port. Without a queue the bot gets one of its own (tests).
 */
export const telegramPacing = (queue: ThrottleQueue = createThrottleQueue()): OutboundPacing => ({
  wait: (method, payload, signal) => queue.acquire(throttleKeyFor(method, payload), botCallPriority(method), signal),
  penalize: (method, payload, untilMs) => queue.penalize(throttleKeyFor(method, payload), untilMs),
});

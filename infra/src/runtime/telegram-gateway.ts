import { isPayGateError, type TelegramGateway } from '@paygate/domain';
import { createTelegramClient, createThrottleQueue, throttleKeyFor, type TelegramClient, type TelegramPriority, type ThrottleQueue } from '@paygate/gateways';
import type { TelegramSetup } from '../bot/telegram-setup.ts';

/** The Bot API method of a call (`…/bot<token>/<method>`), for counting. */
const methodOf = (url: string): string => /\/([A-Za-z]+)$/.exec(url)?.[1] ?? 'unknown';

/** fetch that reports every 429 Too Many Requests (the Telegram gateway's paygate_telegram_rate_limited_total). */
const counting429s =
  (observe: { rateLimited(method: string): void }) =>
  async (input: string, init: RequestInit): Promise<Response> => {
    const response = await fetch(input, init);
    if (response.status === 429) observe.rateLimited(methodOf(input));
    return response;
  };

/** The gateway at a default priority, and a view of it at any other (see commands' `atPriority`). */
export type PrioritizedTelegramGateway = TelegramGateway & { atPriority(priority: TelegramPriority): TelegramGateway };

/**
 * The Telegram gateway of the process managers (access, notifier, expiry). The Bot API root is
 * read per call: in sandbox mode it is the api role's address, known only once it listens, and a
 * client is kept for as long as that address stays the same. Messages wait in the process's
 * shared queue (`queue`, also the bot's), so their priority holds against the bot's calls too.
 * Untagged messages rank as reminders: the expiry manager's DMs are the ones not tagged.
 */
export const createTelegramGateway = (
  setup: Pick<TelegramSetup, 'apiRoot' | 'token'>,
  queue: ThrottleQueue = createThrottleQueue(),
  priority: TelegramPriority = 'reminder',
  observe?: { rateLimited(method: string): void },
): PrioritizedTelegramGateway => {
  let client: { root: string; client: TelegramClient } | undefined;
  const current = (): TelegramClient => {
    const root = setup.apiRoot();
    // Pacing is the shared queue's; a 429 comes back as rate_limited for the caller to wait out.
    if (client?.root !== root) client = { root, client: createTelegramClient({ apiRoot: root, token: setup.token, rateLimit: false, ...(observe ? { fetch: counting429s(observe) } : {}) }) };
    return client.client;
  };
  /** A message call waits for its slot in the shared queue; a 429 holds back its chat for retry_after. */
  const paced = async <T>(method: string, chatId: string, level: TelegramPriority, send: (client: TelegramClient) => Promise<T>): Promise<T> => {
    const key = throttleKeyFor(method, { chat_id: chatId });
    await queue.acquire(key, level);
    try {
      return await send(current());
    } catch (error) {
      if (isPayGateError(error) && error.kind === 'rate_limited') {
        const seconds = typeof error.details.retryAfterSeconds === 'number' ? error.details.retryAfterSeconds : 1;
        // Only this chat waits, whatever the priority: holding the shared queue would stall
        // invites and join approvals behind a broadcast. A broadcast backs off as a whole in its
        // own sender (every worker of the run waits out the retry_after).
        queue.penalize(key, Date.now() + seconds * 1_000);
      }
      throw error;
    }
  };
  const at = (level: TelegramPriority): TelegramGateway => ({
    // Only messages count against Telegram's limits; the other methods are not queued.
    sendMessage: (input) => paced('sendMessage', input.chatId, level, (client) => client.sendMessage(input)),
    sendPhoto: (input) => paced('sendPhoto', input.chatId, level, (client) => client.sendPhoto(input)),
    editMessageText: (input) => paced('editMessageText', input.chatId, level, (client) => client.editMessageText(input)),
    pinChatMessage: (input) => current().pinChatMessage(input),
    createChatInviteLink: (input) => current().createChatInviteLink(input),
    revokeChatInviteLink: (input) => current().revokeChatInviteLink(input),
    approveChatJoinRequest: (input) => current().approveChatJoinRequest(input),
    declineChatJoinRequest: (input) => current().declineChatJoinRequest(input),
    banChatMember: (input) => current().banChatMember(input),
    unbanChatMember: (input) => current().unbanChatMember(input),
    getChatMember: (input) => current().getChatMember(input),
    getChatAdministrators: (input) => current().getChatAdministrators(input),
    getChat: (input) => current().getChat(input),
  });
  const views = new Map<TelegramPriority, TelegramGateway>();
  const atPriority = (level: TelegramPriority) => views.get(level) ?? views.set(level, at(level)).get(level)!;
  return { ...atPriority(priority), atPriority };
};

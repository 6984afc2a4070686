/**
 * The TelegramGateway over the HTTP Bot API (api.telegram.org or the simulator). Ids cross the
 * port as decimal strings and go on the wire as JSON numbers — only when they are safe
 * integers, so the number written is exactly the id; anything else is refused before sending.
 */
import * as v from 'valibot';
import { PayGateError, type ChatAdministrator, type InviteLink, type TelegramGateway } from '@paygate/domain';
import { callBotApi, type BotApiCallContext, type FetchLike } from './bot-api-call.ts';
import { createThrottle, DEFAULT_THROTTLE_LIMITS, type ThrottleLimits } from './throttle.ts';
import { messageMethods } from './message-methods.ts';
import { chatIdToWire, parse, userIdToWire } from './wire-ids.ts';
import { chatMemberSchema, chatSchema, inviteLinkSchema, trueSchema } from './wire-schemas.ts';

export type TelegramRateLimitOptions = Partial<ThrottleLimits> & {
  /** How many 429s a call waits out before it fails with rate_limited (default 3). */
  readonly max429Retries?: number;
  /** A longer retry_after fails at once (default 60 s). */
  readonly maxRetryAfterSeconds?: number;
};

export type TelegramClientOptions = {
  /** e.g. https://api.telegram.org, or the simulator's url. */
  readonly apiRoot: string;
  readonly token: string;
  readonly fetch?: FetchLike;
  /** Per-call deadline (default 10 s); `call` may pass its own (long polls). */
  readonly timeoutMs?: number;
  /** Pacing and 429 handling; `false` turns pacing off (429s still fail as rate_limited). */
  readonly rateLimit?: TelegramRateLimitOptions | false;
  readonly now?: () => number; // ms, for pacing
  readonly sleep?: (ms: number) => Promise<void>;
};

export type TelegramClient = TelegramGateway & {
  /** Any Bot API method, paced and error-mapped like the rest; returns the raw `result`. */
  call(method: string, params?: Readonly<Record<string, unknown>>, options?: { timeoutMs?: number }): Promise<unknown>;
};

export { chatIdToWire, userIdToWire } from './wire-ids.ts';

const TOKEN = /^\d+:[A-Za-z0-9_-]+$/;

const toInviteLink = (link: v.InferOutput<typeof inviteLinkSchema>): InviteLink => ({
  inviteLink: link.invite_link,
  createsJoinRequest: link.creates_join_request,
  isRevoked: link.is_revoked,
  ...(link.name === undefined ? {} : { name: link.name }),
  ...(link.member_limit === undefined ? {} : { memberLimit: link.member_limit }),
  ...(link.expire_date === undefined ? {} : { expireDate: link.expire_date }),
});

export const createTelegramClient = (options: TelegramClientOptions): TelegramClient => {
  if (!TOKEN.test(options.token)) throw new PayGateError('validation', 'the Telegram bot token is malformed');
  if (!URL.canParse(options.apiRoot)) throw new PayGateError('validation', 'the Telegram apiRoot is not a URL');
  const rate = options.rateLimit === false ? undefined : (options.rateLimit ?? {});
  const ctx: BotApiCallContext = {
    apiRoot: options.apiRoot.replace(/\/+$/, ''),
    token: options.token,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 10_000,
    throttle: rate === undefined ? undefined : createThrottle({ ...DEFAULT_THROTTLE_LIMITS, ...rate }),
    max429Retries: rate === undefined ? 0 : (rate.max429Retries ?? 3),
    maxRetryAfterSeconds: rate?.maxRetryAfterSeconds ?? 60,
    now: options.now ?? (() => Date.now()),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
  const call = (method: string, params: Readonly<Record<string, unknown>> = {}, callOptions: { timeoutMs?: number } = {}) =>
    callBotApi(ctx, method, params, callOptions);
  const member = (chatId: string, userId: string) => ({ chat_id: chatIdToWire('chatId', chatId), user_id: userIdToWire('userId', userId) });

  return {
    call,

    ...messageMethods(call),

    async createChatInviteLink({ chatId, name, memberLimit, expireDate, createsJoinRequest }) {
      if (name !== undefined && [...name].length > 32) throw new PayGateError('validation', 'an invite link name is at most 32 characters', { field: 'name' });
      if (memberLimit !== undefined && !(Number.isInteger(memberLimit) && memberLimit >= 1 && memberLimit <= 99_999)) {
        throw new PayGateError('validation', 'memberLimit is an integer from 1 to 99999', { field: 'memberLimit' });
      }
      if (memberLimit !== undefined && createsJoinRequest === true) {
        throw new PayGateError('validation', 'memberLimit and createsJoinRequest exclude each other', { field: 'memberLimit' });
      }
      if (expireDate !== undefined && !Number.isSafeInteger(expireDate)) throw new PayGateError('validation', 'expireDate is unix seconds', { field: 'expireDate' });
      const params = {
        chat_id: chatIdToWire('chatId', chatId),
        ...(name === undefined ? {} : { name }),
        ...(memberLimit === undefined ? {} : { member_limit: memberLimit }),
        ...(expireDate === undefined ? {} : { expire_date: expireDate }),
        ...(createsJoinRequest === undefined ? {} : { creates_join_request: createsJoinRequest }),
      };
      return toInviteLink(parse('createChatInviteLink', inviteLinkSchema, await call('createChatInviteLink', params)));
    },

    async revokeChatInviteLink({ chatId, inviteLink }) {
      const result = await call('revokeChatInviteLink', { chat_id: chatIdToWire('chatId', chatId), invite_link: inviteLink });
      return toInviteLink(parse('revokeChatInviteLink', inviteLinkSchema, result));
    },

    async approveChatJoinRequest({ chatId, userId }) {
      parse('approveChatJoinRequest', trueSchema, await call('approveChatJoinRequest', member(chatId, userId)));
    },

    async declineChatJoinRequest({ chatId, userId }) {
      parse('declineChatJoinRequest', trueSchema, await call('declineChatJoinRequest', member(chatId, userId)));
    },

    async banChatMember({ chatId, userId, untilDate }) {
      const params = { ...member(chatId, userId), ...(untilDate === undefined ? {} : { until_date: untilDate }) };
      parse('banChatMember', trueSchema, await call('banChatMember', params));
    },

    async unbanChatMember({ chatId, userId, onlyIfBanned }) {
      parse('unbanChatMember', trueSchema, await call('unbanChatMember', { ...member(chatId, userId), only_if_banned: onlyIfBanned }));
    },

    async getChatMember({ chatId, userId }) {
      const result = parse('getChatMember', chatMemberSchema, await call('getChatMember', member(chatId, userId)));
      return { status: result.status };
    },

    async getChatAdministrators({ chatId }) {
      const result = await call('getChatAdministrators', { chat_id: chatIdToWire('chatId', chatId) });
      return parse('getChatAdministrators', v.array(chatMemberSchema), result)
        .filter((m) => m.status === 'creator' || m.status === 'administrator')
        .map(
          (m): ChatAdministrator => ({
            userId: String(m.user.id),
            status: m.status as ChatAdministrator['status'],
            canInviteUsers: m.status === 'creator' || m.can_invite_users === true,
            canRestrictMembers: m.status === 'creator' || m.can_restrict_members === true,
          }),
        );
    },

    async getChat({ chatId }) {
      const chat = parse('getChat', chatSchema, await call('getChat', { chat_id: chatIdToWire('chatId', chatId) }));
      return {
        id: String(chat.id),
        type: chat.type,
        ...(chat.title === undefined ? {} : { title: chat.title }),
        ...(chat.username === undefined ? {} : { username: chat.username }),
      };
    },
  };
};

/**
 * The TelegramGateway over the HTTP Bot API (api.telegram.org or the simulator). Ids cross the
 * port as decimal strings and go on the wire as JSON numbers — only when they are safe
 * integers, so the number written is exactly the id; anything else is refused before sending.
 */
import * as v from 'valibot';
import { PayGateError, type ChatAdministrator, type InlineKeyboard, type InviteLink, type TelegramGateway } from '@paygate/domain';
import { callBotApi, type BotApiCallContext, type FetchLike } from './bot-api-call.ts';
import { createThrottle, DEFAULT_THROTTLE_LIMITS, type ThrottleLimits } from './throttle.ts';
import { chatMemberSchema, chatSchema, inviteLinkSchema, messageSchema, trueSchema } from './wire-schemas.ts';

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

const TOKEN = /^\d+:[A-Za-z0-9_-]+$/;

/** A chat id as a JSON number (or an @channel username), refusing ids a double cannot hold. */
export const chatIdToWire = (field: string, id: string): number | string => {
  if (/^@[A-Za-z][A-Za-z0-9_]{3,}$/.test(id)) return id;
  return userIdToWire(field, id);
};

export const userIdToWire = (field: string, id: string): number => {
  const n = /^-?\d{1,16}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(n) || String(n) !== id) {
    throw new PayGateError('validation', `${field} must be a decimal integer id within ±2^53`, { field });
  }
  return n;
};

const parse = <S extends v.GenericSchema>(method: string, schema: S, result: unknown): v.InferOutput<S> => {
  const parsed = v.safeParse(schema, result);
  if (!parsed.success) {
    throw new PayGateError('unavailable', `Telegram ${method} returned an unexpected result`, {
      method,
      fields: parsed.issues.map((i) => v.getDotPath(i) ?? '(result)'),
    });
  }
  return parsed.output;
};

const keyboardToWire = (keyboard: InlineKeyboard) => ({
  inline_keyboard: keyboard.map((row) =>
    row.map((button) => {
      if ((button.url === undefined) === (button.callbackData === undefined)) {
        throw new PayGateError('validation', 'an inline button has exactly one of url and callbackData', { field: 'keyboard' });
      }
      if (button.callbackData !== undefined && (button.callbackData === '' || Buffer.byteLength(button.callbackData) > 64)) {
        throw new PayGateError('validation', 'callbackData is 1-64 bytes', { field: 'keyboard' });
      }
      return button.url !== undefined ? { text: button.text, url: button.url } : { text: button.text, callback_data: button.callbackData };
    }),
  ),
});

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

    async sendMessage({ chatId, text, keyboard, parseMode }) {
      const params = {
        chat_id: chatIdToWire('chatId', chatId),
        text,
        ...(parseMode === undefined ? {} : { parse_mode: parseMode }),
        ...(keyboard === undefined ? {} : { reply_markup: keyboardToWire(keyboard) }),
      };
      const message = parse('sendMessage', messageSchema, await call('sendMessage', params));
      return { messageId: message.message_id };
    },

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

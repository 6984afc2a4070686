/**
 * Bot API failures → PayGateError, per the TelegramGateway port:
 *   429                                   → rate_limited, details.retryAfterSeconds
 *   403 blocked / deactivated / not started → forbidden, reason 'blocked' (the user cannot be reached)
 *   403 kicked / not a member             → forbidden, reason 'kicked'
 *   400 not enough rights / need admin    → forbidden, reason 'not_admin' (the owner must fix the bot's rights)
 *   400 chat/user/message/request missing → not_found
 *   400 USER_ALREADY_PARTICIPANT, not modified, 409 → conflict
 *   other 400                             → validation
 *   401                                   → unauthorized (wrong token); 404 → internal (unknown method or malformed token)
 *   5xx and anything else                 → unavailable
 * details always carry method, errorCode and Telegram's description (never the token), and
 * telegramError: true when the body was Telegram's own error answer — a 5xx that is not (a proxy's
 * page, an unreadable body) says nothing about whether the message went out.
 */
import { PayGateError } from '@paygate/domain';

export type BotApiFailure = {
  readonly errorCode: number;
  readonly description: string;
  readonly retryAfter?: number;
  /** The body was Telegram's own `{ok:false, error_code, …}` answer. */
  readonly telegramError?: boolean;
};

const has = (description: string, ...needles: string[]) => {
  const lower = description.toLowerCase();
  return needles.some((n) => lower.includes(n.toLowerCase()));
};

export const mapBotApiError = (method: string, failure: BotApiFailure): PayGateError => {
  const { errorCode, description } = failure;
  const details = { method, errorCode, description, ...(failure.telegramError === true ? { telegramError: true } : {}) };
  const message = `Telegram ${method} failed: ${description}`;
  if (errorCode === 429) {
    return new PayGateError('rate_limited', message, { ...details, retryAfterSeconds: failure.retryAfter ?? 1 });
  }
  if (errorCode === 403) {
    if (has(description, 'kicked from', 'not a member of')) return new PayGateError('forbidden', message, { ...details, reason: 'kicked' });
    if (has(description, 'not enough rights', 'administrator rights', 'CHAT_ADMIN_REQUIRED')) {
      return new PayGateError('forbidden', message, { ...details, reason: 'not_admin' });
    }
    return new PayGateError('forbidden', message, { ...details, reason: 'blocked' });
  }
  if (errorCode === 400) {
    if (has(description, 'not enough rights', 'need administrator rights', 'CHAT_ADMIN_REQUIRED', 'member list is inaccessible')) {
      return new PayGateError('forbidden', message, { ...details, reason: 'not_admin' });
    }
    if (
      has(description, 'not found', 'PARTICIPANT_ID_INVALID', 'USER_ID_INVALID', 'invalid user_id', 'HIDE_REQUESTER_MISSING', 'INVITE_HASH_EXPIRED', 'query is too old')
    ) {
      return new PayGateError('not_found', message, details);
    }
    if (has(description, 'USER_ALREADY_PARTICIPANT')) return new PayGateError('conflict', message, { ...details, reason: 'already_member' });
    if (has(description, 'message is not modified')) return new PayGateError('conflict', message, { ...details, reason: 'not_modified' });
    return new PayGateError('validation', message, details);
  }
  if (errorCode === 409) return new PayGateError('conflict', message, details);
  if (errorCode === 401) return new PayGateError('unauthorized', 'Telegram rejected the bot token', details);
  if (errorCode === 404) return new PayGateError('internal', `Telegram ${method}: unknown method or malformed bot token`, details);
  return new PayGateError('unavailable', message, details);
};

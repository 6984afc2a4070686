import { PayGateError, parseWithSchema } from '@paygate/domain';
import { dataCheckString, hashesMatch, widgetHash, widgetSecretKey } from './check-string.ts';
import { TelegramWidgetFieldsSchema } from './widget-fields.ts';

/** Telegram's advice: a login older than a day is stale. */
export const DEFAULT_LOGIN_MAX_AGE_SECONDS = 24 * 60 * 60;
/** Clock skew allowed for an auth_date ahead of ours. */
export const LOGIN_MAX_FUTURE_SECONDS = 60;

export type TelegramLoginOptions = {
  botToken: string;
  /** Oldest auth_date accepted, in seconds before now; default 24 h. */
  maxAgeSeconds?: number;
  now?: () => Date;
};

export type TelegramLogin = {
  /** Decimal string: Telegram ids exceed 2^31. */
  telegramUserId: string;
  firstName: string;
  username?: string;
  /** When Telegram authenticated the user, ISO 8601. */
  authDate: string;
};

export type TelegramLoginVerifier = (input: unknown) => TelegramLogin;

const rejected = (reason: string) => new PayGateError('unauthorized', `Telegram login rejected: ${reason}`, { reason });

/**
 * A verifier of Telegram Login Widget data: the fields are validated (`validation` error), then
 * the hash is checked in constant time and auth_date must lie within [now - maxAge, now + 60 s]
 * (`unauthorized` otherwise). The hash is checked before the time so a forged date learns nothing.
 */
export const createTelegramLoginVerifier = ({
  botToken,
  maxAgeSeconds = DEFAULT_LOGIN_MAX_AGE_SECONDS,
  now = () => new Date(),
}: TelegramLoginOptions): TelegramLoginVerifier => {
  if (botToken === '') throw new PayGateError('internal', 'Telegram login needs a bot token');
  if (!Number.isFinite(maxAgeSeconds) || maxAgeSeconds <= 0) throw new PayGateError('internal', 'maxAgeSeconds must be positive');
  const secretKey = widgetSecretKey(botToken);
  return (input) => {
    const fields = parseWithSchema(TelegramWidgetFieldsSchema, input, 'Telegram login data');
    if (!hashesMatch(widgetHash(secretKey, dataCheckString(fields)), fields.hash)) throw rejected('hash mismatch');
    const authSeconds = Number(fields.auth_date);
    const nowSeconds = Math.floor(now().getTime() / 1000);
    if (authSeconds < nowSeconds - maxAgeSeconds) throw rejected('auth_date too old');
    if (authSeconds > nowSeconds + LOGIN_MAX_FUTURE_SECONDS) throw rejected('auth_date in the future');
    return {
      telegramUserId: fields.id,
      firstName: fields.first_name,
      ...(fields.username === undefined ? {} : { username: fields.username }),
      authDate: new Date(authSeconds * 1000).toISOString(),
    };
  };
};

import * as v from 'valibot';

/**
 * Field schemas shared by the deciders' events. Ids become part of stream ids
 * (`channel-<id>`), so they are printable ASCII without spaces and bounded in length.
 */
export const IdSchema = v.pipe(v.string(), v.regex(/^[\x21-\x7e]{1,128}$/, 'must be 1-128 printable characters without spaces'));

/** A Telegram chat id as the decimal string of an integer; supergroups and channels are negative (-100…). */
export const TelegramChatIdSchema = v.pipe(v.string(), v.regex(/^-?[1-9]\d{0,19}$/, 'must be the decimal string of a non-zero integer'));

/** A Telegram user id: a positive integer as a decimal string (they exceed 2^31, so never a JS number). */
export const TelegramUserIdSchema = v.pipe(v.string(), v.regex(/^[1-9]\d{0,19}$/, 'must be the decimal string of a positive integer'));

/** Timestamps travel as ISO 8601 strings; the domain has no clock, commands bring the time. */
export const TimestampSchema = v.pipe(v.string(), v.isoTimestamp());

export const TextSchema = (max: number) =>
  v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(max, `must be at most ${max} characters`));

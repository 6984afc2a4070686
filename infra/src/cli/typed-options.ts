import * as v from 'valibot';
import { parseDays, parsePriceUsd, parseTierName } from '@paygate/bot';
import { IdSchema, MAX_DURATION_DAYS, TelegramChatIdSchema, TelegramUserIdSchema, TextSchema, type Money } from '@paygate/domain';
import type { OptionValues } from './command.ts';
import { optionalOption, requiredOption } from './options.ts';
import { UsageError } from './usage-error.ts';

/**
 * Option values checked before anything runs, each with one line naming the option, what it
 * takes and what it got: the domain's schemas would only say so later, in their own words.
 * Values are read as the bot reads an owner's text (`9,99`, `$9.99`, `30d`).
 */
const got = (text: string) => `(got ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)})`;

const checked = (values: OptionValues, name: string, command: string, valid: (text: string) => boolean, what: string): string => {
  const text = requiredOption(values, name, command);
  if (!valid(text)) throw new UsageError(`--${name} must be ${what} ${got(text)}`, command);
  return text;
};

export const userIdOption = (values: OptionValues, name: string, command: string): string =>
  checked(values, name, command, (text) => v.is(TelegramUserIdSchema, text), 'a Telegram user id, a positive whole number like 5000000001');

export const chatIdOption = (values: OptionValues, name: string, command: string): string =>
  checked(values, name, command, (text) => v.is(TelegramChatIdSchema, text), 'a Telegram chat id, a whole number like -1002000000001 (channels are negative)');

/** A PayGate id (channel, tier, invoice): it becomes part of a stream name. */
export const idOption = (values: OptionValues, name: string, command: string): string =>
  checked(values, name, command, (text) => v.is(IdSchema, text), 'an id of 1-128 printable characters without spaces');

export const optionalIdOption = (values: OptionValues, name: string, command: string): string | undefined =>
  optionalOption(values, name) === undefined ? undefined : idOption(values, name, command);

export const textOption = (values: OptionValues, name: string, command: string, max: number): string =>
  checked(values, name, command, (text) => v.is(TextSchema(max), text), `text of at most ${max} characters`);

export const tierNameOption = (values: OptionValues, name: string, command: string): string => {
  const parsed = parseTierName(requiredOption(values, name, command));
  if (!parsed.ok) throw new UsageError(`--${name} must be a tier name of 1-64 characters`, command);
  return parsed.value;
};

export const priceUsdOption = (values: OptionValues, name: string, command: string): Money => {
  const text = requiredOption(values, name, command);
  const parsed = parsePriceUsd(text);
  if (!parsed.ok) throw new UsageError(`--${name} must be a price in USD above 0 with at most 2 decimals, like 9.99 or 9,99 ${got(text)}`, command);
  return parsed.value;
};

export const daysOption = (values: OptionValues, name: string, command: string): number => {
  const text = requiredOption(values, name, command);
  const parsed = parseDays(text);
  if (!parsed.ok) throw new UsageError(`--${name} must be a whole number of days from 1 to ${MAX_DURATION_DAYS}, like 30 ${got(text)}`, command);
  return parsed.value;
};

/** A positive whole number (a message id). */
export const countOption = (values: OptionValues, name: string, command: string, what: string): number =>
  Number(checked(values, name, command, (text) => /^[1-9]\d{0,14}$/.test(text), what));

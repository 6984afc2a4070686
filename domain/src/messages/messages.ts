import type { MessageCatalogue, MessageKey, MessageParams } from './catalogue.ts';
import { en } from './en.ts';

/** Locales with a catalogue; add one by writing another `MessageCatalogue` (tsc lists what is missing). */
const CATALOGUES = { en } as const satisfies Record<string, MessageCatalogue>;

export type Locale = keyof typeof CATALOGUES;

export const DEFAULT_LOCALE: Locale = 'en';

export const SUPPORTED_LOCALES = Object.keys(CATALOGUES) as Locale[];

/** A supported locale from a Telegram `language_code` ("en", "en-US", "pt-br"), else the default. */
export const resolveLocale = (languageCode: string | undefined): Locale => {
  const base = (languageCode ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return Object.hasOwn(CATALOGUES, base) ? (base as Locale) : DEFAULT_LOCALE;
};

/** The text `key` in `locale` with `params`: `renderMessage('en', 'expiryReminder', {...})`. */
export const renderMessage = <Key extends MessageKey>(locale: Locale, key: Key, params: MessageParams[Key]): string =>
  (CATALOGUES[locale][key] as (params: MessageParams[Key]) => string)(params);

/** The catalogue as `(locale, params) → string` functions: `messages.expiryReminder('en', {...})`. */
export const messages = Object.fromEntries(
  (Object.keys(en) as MessageKey[]).map((key) => [key, (locale: Locale, params: never) => renderMessage(locale, key, params)]),
) as { readonly [Key in MessageKey]: (locale: Locale, params: MessageParams[Key]) => string };

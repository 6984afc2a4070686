import { DEFAULT_LOCALE, resolveLocale, type Locale } from '@paygate/domain';
import type { BotMessageCatalogue, BotMessageKey, BotMessageParams } from './bot-catalogue.ts';
import { botEn } from './bot-en.ts';

/** One catalogue per locale of the domain's `Locale`; a missing one is a tsc error. */
const CATALOGUES: { readonly [L in Locale]: BotMessageCatalogue } = { en: botEn };

/** The bot's text `key` in `locale`. */
export const botText = <Key extends BotMessageKey>(locale: Locale, key: Key, params: BotMessageParams[Key]): string =>
  (CATALOGUES[locale][key] as (params: BotMessageParams[Key]) => string)(params);

/** The texts of one user's language (Telegram `language_code`), so handlers write `t('help', {...})`. */
export type Translate = <Key extends BotMessageKey>(key: Key, params: BotMessageParams[Key]) => string;

export const translatorFor = (languageCode: string | undefined): Translate => {
  const locale = languageCode === undefined ? DEFAULT_LOCALE : resolveLocale(languageCode);
  return (key, params) => botText(locale, key, params);
};

/**
 * reply_markup for the simulator: inline keyboards only (what PayGate sends), validated as the
 * Bot API does — every button needs text and exactly one action, callback_data is 1–64 bytes,
 * url is an http(s) or tg:// URL. Reply keyboards and ForceReply are accepted and not stored.
 */
import type { TgInlineKeyboardButton, TgInlineKeyboardMarkup } from '../bot-api-types.ts';
import { badRequest } from './bot-api-error.ts';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const parseButton = (raw: unknown): TgInlineKeyboardButton => {
  if (!isRecord(raw)) throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  if (typeof raw.text !== 'string') throw badRequest("can't parse inline keyboard button: Field \"text\" must be of type String");
  const hasUrl = raw.url !== undefined;
  const hasData = raw.callback_data !== undefined;
  const otherActions = ['web_app', 'login_url', 'switch_inline_query', 'switch_inline_query_current_chat', 'callback_game', 'pay', 'copy_text'];
  const hasOther = otherActions.some((key) => raw[key] !== undefined);
  if (!hasUrl && !hasData && !hasOther) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
  if (raw.text.trim() === '') throw badRequest('text buttons are unallowed in the inline keyboard');
  if (hasData) {
    const data = raw.callback_data;
    if (typeof data !== 'string' || data === '' || Buffer.byteLength(data) > 64) throw badRequest('BUTTON_DATA_INVALID');
    return { text: raw.text, callback_data: data };
  }
  if (hasUrl) {
    const url = raw.url;
    if (typeof url !== 'string' || !URL.canParse(url) || !/^(https?|tg):/i.test(url)) {
      throw badRequest(`inline keyboard button URL '${String(url)}' is invalid: Unsupported URL protocol`);
    }
    return { text: raw.text, url };
  }
  return { ...(raw as TgInlineKeyboardButton) };
};

/** undefined = no inline keyboard (absent, or a reply keyboard the simulator does not keep). */
export const parseReplyMarkup = (raw: unknown): TgInlineKeyboardMarkup | undefined => {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) throw badRequest("can't parse reply keyboard markup JSON object");
  if (raw.inline_keyboard === undefined) return undefined;
  const rows = raw.inline_keyboard;
  if (!Array.isArray(rows)) throw badRequest("can't parse inline keyboard: Field \"inline_keyboard\" must be of type Array");
  return {
    inline_keyboard: rows.map((row) => {
      if (!Array.isArray(row)) throw badRequest("can't parse inline keyboard: InlineKeyboard row must be an Array");
      return row.map(parseButton);
    }),
  };
};

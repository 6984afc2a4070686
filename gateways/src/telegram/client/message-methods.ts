/** The message-producing methods of the HTTP client: sendMessage, sendPhoto, editMessageText, pinChatMessage. */
import * as v from 'valibot';
import { PayGateError, type InlineKeyboard, type TelegramGateway } from '@paygate/domain';
import { chatIdToWire, parse } from './wire-ids.ts';
import { messageSchema, trueSchema } from './wire-schemas.ts';

type Call = (method: string, params?: Readonly<Record<string, unknown>>) => Promise<unknown>;

export const keyboardToWire = (keyboard: InlineKeyboard) => ({
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

export const messageMethods = (call: Call): Pick<TelegramGateway, 'sendMessage' | 'sendPhoto' | 'editMessageText' | 'pinChatMessage'> => ({
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

  async sendPhoto({ chatId, photo, caption, parseMode, keyboard }) {
    if (caption !== undefined && [...caption].length > 1024) throw new PayGateError('validation', 'a photo caption is at most 1024 characters', { field: 'caption' });
    const params = {
      chat_id: chatIdToWire('chatId', chatId),
      photo,
      ...(caption === undefined ? {} : { caption }),
      ...(parseMode === undefined ? {} : { parse_mode: parseMode }),
      ...(keyboard === undefined ? {} : { reply_markup: keyboardToWire(keyboard) }),
    };
    const message = parse('sendPhoto', messageSchema, await call('sendPhoto', params));
    return { messageId: message.message_id };
  },

  async editMessageText({ chatId, messageId, text, parseMode, keyboard }) {
    const params = {
      chat_id: chatIdToWire('chatId', chatId),
      message_id: messageId,
      text,
      ...(parseMode === undefined ? {} : { parse_mode: parseMode }),
      ...(keyboard === undefined ? {} : { reply_markup: keyboardToWire(keyboard) }),
    };
    // A message edit answers the message (or true for inline messages); either is success.
    parse('editMessageText', v.union([messageSchema, trueSchema]), await call('editMessageText', params));
  },

  async pinChatMessage({ chatId, messageId, disableNotification }) {
    const params = {
      chat_id: chatIdToWire('chatId', chatId),
      message_id: messageId,
      ...(disableNotification === undefined ? {} : { disable_notification: disableNotification }),
    };
    parse('pinChatMessage', trueSchema, await call('pinChatMessage', params));
  },
});

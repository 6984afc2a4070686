// Telegram Login Widget verification: the owners' dashboard login (no passwords).
export * from './verify-telegram-login.ts';
export { TelegramWidgetFieldsSchema, type TelegramWidgetFields } from './widget-fields.ts';

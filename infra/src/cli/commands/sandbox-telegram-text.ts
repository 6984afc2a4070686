/**
 * The simulator's answers as short lines for people (`--json` prints them as they are). Only
 * the fields shown are read, defensively: the answers are Bot API shaped and may grow.
 */
type Json = Record<string, unknown>;

const obj = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {});
const str = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '?');

type Button = { text?: unknown; url?: unknown; callback_data?: unknown };

const buttonsOf = (markup: unknown): Button[] => {
  const rows = obj(markup).inline_keyboard;
  return Array.isArray(rows) ? rows.flatMap((row) => (Array.isArray(row) ? (row as Button[]) : [])) : [];
};

const buttonLabel = (button: Button): string => (typeof button.url === 'string' ? `[${str(button.text)} → ${button.url}]` : `[${str(button.text)}]`);

/** Continuation lines of a multi-line text are indented under the first. */
const indent = (text: string): string => text.split('\n').map((line, i) => (i === 0 || line === '' ? line : `    ${line}`)).join('\n');

const withButtons = (text: string, markup: unknown): string => {
  const buttons = buttonsOf(markup).map(buttonLabel);
  return buttons.length === 0 ? indent(text) : `${indent(text)}\n    ${buttons.join(' ')}`;
};

export const describeUser = (answer: unknown): string => {
  const user = obj(answer);
  return `user ${str(user.firstName)}: id ${str(user.id)}`;
};

export const describeChannel = (answer: unknown): string => {
  const chat = obj(answer);
  return `${str(chat.type)} "${str(chat.title)}": id ${str(chat.id)}, owner ${str(chat.ownerId)}`;
};

/** The update a person's action produced, as what they did. */
export const describeUpdate = (answer: unknown): string => {
  const update = obj(obj(answer).update ?? answer);
  const name = (from: unknown) => str(obj(from).first_name);
  if (update.message) {
    const message = obj(update.message);
    return `#${str(message.message_id)} ${name(message.from)} → bot: ${indent(str(message.text))}`;
  }
  if (update.callback_query) {
    const query = obj(update.callback_query);
    const message = obj(query.message);
    const pressed = buttonsOf(message.reply_markup).find((button) => button.callback_data === query.data);
    return `${name(query.from)} pressed [${str(pressed?.text ?? query.data)}] on #${str(message.message_id)}`;
  }
  if (update.my_chat_member) {
    const change = obj(update.my_chat_member);
    const chat = obj(change.chat);
    return `bot is ${str(obj(change.new_chat_member).status)} of "${str(chat.title)}" (${str(chat.id)}), set by ${name(change.from)}`;
  }
  if (update.chat_join_request) {
    const request = obj(update.chat_join_request);
    return `${name(request.from)} asked to join "${str(obj(request.chat).title)}"`;
  }
  return `update ${str(update.update_id)}`;
};

/** `join`: joined, a join request sent (the bot decides), or refused with Telegram's reason. */
export const describeJoin = (answer: unknown): string => {
  const result = obj(answer);
  if (result.outcome === 'refused') return `join refused: ${str(result.reason).replace(/_/g, ' ')}`;
  if (result.outcome === 'requested') return result.update ? `${describeUpdate(result)}: join request sent, the bot decides` : 'join request pending';
  return result.update ? `${describeUpdate(result)}: joined` : 'joined';
};

export type ChatNames = { botId: number; chatId: number; chatName?: string };

/** `inbox`: one entry per message, `#2 bot → Olga: text [buttons]`. */
export const describeMessages = (answer: unknown, names: ChatNames): string => {
  const messages = Array.isArray(answer) ? answer.map(obj) : [];
  const chatName = names.chatName ?? String(names.chatId);
  if (messages.length === 0) return `no messages in ${chatName}`;
  return messages
    .map((message) => {
      const fromBot = message.fromId === names.botId;
      const from = fromBot ? 'bot' : message.fromId === names.chatId ? chatName : str(message.fromId);
      // In a private chat the bot and the user write to each other; in a channel, to the channel.
      const to = names.chatId > 0 ? (fromBot ? chatName : 'bot') : chatName;
      return `#${str(message.messageId)} ${from} → ${to}: ${withButtons(str(message.text), message.replyMarkup)}`;
    })
    .join('\n');
};

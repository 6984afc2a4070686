import { describe, expect, it } from 'vitest';
import { describeChannel, describeJoin, describeMessages, describeUpdate, describeUser } from './sandbox-telegram-text.ts';

const olga = { id: 5000000001, is_bot: false, first_name: 'Olga' };
const sam = { id: 5000000002, is_bot: false, first_name: 'Sam' };
const BOT = 7000000001;

describe('sandbox telegram, as text', () => {
  it('a new user and channel', () => {
    expect(describeUser({ id: 5000000001, firstName: 'Olga', isBot: false, startedBot: true, blockedBot: false })).toBe('user Olga: id 5000000001');
    expect(describeChannel({ id: -1002000000001, type: 'channel', title: 'Alpha signals', ownerId: 5000000001, username: null })).toBe(
      'channel "Alpha signals": id -1002000000001, owner 5000000001',
    );
  });

  it('what a person did: say, press, add the bot', () => {
    const say = { update_id: 2, message: { message_id: 2, from: olga, chat: { id: olga.id, type: 'private' }, date: 1, text: '/addtier Monthly 9.99 30' } };
    expect(describeUpdate(say)).toBe('#2 Olga → bot: /addtier Monthly 9.99 30');
    const keyboard = { inline_keyboard: [[{ text: 'Monthly — 9.99 USD for 30 days', callback_data: 'b:ccsb8xg5d:monthly' }], []] };
    const press = { callbackQueryId: '4000000000001', update: { update_id: 4, callback_query: { id: '4000000000001', from: sam, message: { message_id: 2, reply_markup: keyboard }, data: 'b:ccsb8xg5d:monthly' } } };
    expect(describeUpdate(press)).toBe('Sam pressed [Monthly — 9.99 USD for 30 days] on #2');
    const addBot = { update_id: 1, my_chat_member: { chat: { id: -1002000000001, title: 'Alpha signals', type: 'channel' }, from: olga, new_chat_member: { status: 'administrator' } } };
    expect(describeUpdate(addBot)).toBe('bot is administrator of "Alpha signals" (-1002000000001), set by Olga');
  });

  it('a join: requested, refused', () => {
    const requested = { outcome: 'requested', update: { update_id: 5, chat_join_request: { chat: { id: -1002000000001, title: 'Alpha signals' }, from: sam } } };
    expect(describeJoin(requested)).toBe('Sam asked to join "Alpha signals": join request sent, the bot decides');
    expect(describeJoin({ outcome: 'refused', reason: 'already_member' })).toBe('join refused: already member');
  });

  it('an inbox: one entry per message, continuation lines indented, buttons last', () => {
    const messages = [
      { messageId: 1, chatId: sam.id, fromId: sam.id, date: 1, text: '/start ccsb8xg5d' },
      {
        messageId: 2,
        chatId: sam.id,
        fromId: BOT,
        date: 1,
        text: '"Alpha signals"\n\nChoose a plan:',
        replyMarkup: { inline_keyboard: [[{ text: 'Monthly', callback_data: 'b:x' }], [{ text: 'Pay 9.99 USD', url: 'http://127.0.0.1:3000/pay' }]] },
      },
    ];
    expect(describeMessages(messages, { botId: BOT, chatId: sam.id, chatName: 'Sam' })).toBe(
      ['#1 Sam → bot: /start ccsb8xg5d', '#2 bot → Sam: "Alpha signals"', '', '    Choose a plan:', '    [Monthly] [Pay 9.99 USD → http://127.0.0.1:3000/pay]'].join('\n'),
    );
    expect(describeMessages([], { botId: BOT, chatId: -1002000000001 })).toBe('no messages in -1002000000001');
  });
});

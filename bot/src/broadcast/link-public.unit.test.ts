import { describe, expect, it } from 'vitest';
import { BOT_ID, OWNER, startBroadcastBot, STRANGER, type WorldChat } from './test-support/broadcast-bot.ts';

const publicChat = (admins: WorldChat['admins'], extra: Partial<WorldChat> = {}): WorldChat => ({ id: -1002, type: 'channel', title: 'Alpha News', username: 'alphanews', admins, ...extra });
const OWNER_ADMIN = { userId: OWNER, status: 'creator' } as const;

describe('/linkpublic', () => {
  it('links a public channel the owner administers and the bot may post in (checked fresh at Telegram)', async () => {
    const bot = startBroadcastBot({ chats: [publicChat([OWNER_ADMIN, { userId: BOT_ID, status: 'administrator', canPost: true }])] });
    const [answer] = await bot.say(OWNER, '/linkpublic @alphanews');
    expect(answer!.text).toBe('"Alpha News" (@alphanews) is now the public channel of "Alpha".\nWrite your first broadcast with /broadcast.');
    expect(bot.broadcasts.calls).toEqual([
      { method: 'linkPublicChannel', input: { channelId: 'c1alpha', requestedBy: String(OWNER), publicChatId: '-1002', title: 'Alpha News', username: 'alphanews' } },
    ]);
    const [unlinked] = await bot.say(OWNER, '/unlinkpublic');
    expect(unlinked!.text).toContain('"Alpha News" is no longer the public channel of "Alpha"');
    expect((await bot.say(OWNER, '/unlinkpublic'))[0]!.text).toContain('has no public channel linked');
  });

  it('is refused when the bot cannot post there, is no admin there, or the owner is not one', async () => {
    const cases: [WorldChat['admins'], string][] = [
      [[OWNER_ADMIN, { userId: BOT_ID, status: 'administrator', canPost: false }], 'I cannot post in @alphanews. Give me the administrator right "Post messages", then try again.'],
      [[OWNER_ADMIN], 'I am not an administrator of @alphanews. Add me with the right "Post messages", then try again.'],
      [[{ userId: STRANGER, status: 'creator' }, { userId: BOT_ID, status: 'administrator' }], 'Only an administrator of @alphanews can link it.'],
    ];
    for (const [admins, refusal] of cases) {
      const bot = startBroadcastBot({ chats: [publicChat(admins)] });
      expect((await bot.say(OWNER, '/linkpublic alphanews'))[0]!.text).toBe(refusal);
      expect(bot.broadcasts.calls).toEqual([]);
    }
  });

  it('says why a chat cannot be the public channel', async () => {
    const bot = startBroadcastBot({ chats: [publicChat([OWNER_ADMIN], { id: -1003, type: 'supergroup', username: 'agroup' })] });
    expect((await bot.say(OWNER, '/linkpublic @nosuchchat'))[0]!.text).toContain('I cannot see @nosuchchat');
    expect((await bot.say(OWNER, '/linkpublic @agroup'))[0]!.text).toBe('@agroup is not a channel. Only a channel can be linked as the public one.');
    expect((await bot.say(OWNER, '/linkpublic -1001'))[0]!.text).toContain('That is "Alpha" itself.');
    expect((await bot.say(OWNER, '/linkpublic'))[0]!.text).toContain('Say which public channel');
    expect((await bot.say(OWNER, '/linkpublic @a b'))[0]!.text).toContain('Say which public channel');
    expect(bot.broadcasts.calls).toEqual([]);
  });

  it('only the channel’s owner links', async () => {
    const bot = startBroadcastBot({ chats: [publicChat([OWNER_ADMIN, { userId: STRANGER, status: 'administrator' }, { userId: BOT_ID, status: 'administrator' }])] });
    expect((await bot.say(STRANGER, '/linkpublic c1alpha @alphanews'))[0]!.text).toBe('"Alpha" is managed by the administrator who registered it.');
    expect((await bot.say(STRANGER, '/linkpublic @alphanews'))[0]!.text).toContain('You have no registered channels.');
    expect(bot.broadcasts.calls).toEqual([]);
  });
});

describe('registration and the public channel', () => {
  it('a chat linked as a public channel is not registered as a paid one when the bot is made its admin', async () => {
    const chat = publicChat([OWNER_ADMIN, { userId: BOT_ID, status: 'administrator', canPost: true }]);
    const bot = startBroadcastBot({ chats: [chat] });
    await bot.say(OWNER, '/linkpublic @alphanews');
    const [dm] = await bot.promoted(OWNER, chat);
    expect(dm).toMatchObject({ chatId: OWNER, text: expect.stringContaining('"Alpha News" is linked as the public channel of "Alpha", so it is not registered as a paid channel.') });
    expect(bot.registered).toEqual([]);
  });

  it('an unlinked channel is still registered as before', async () => {
    const chat = publicChat([OWNER_ADMIN, { userId: BOT_ID, status: 'administrator', canPost: true }]);
    const bot = startBroadcastBot({ chats: [chat] });
    const [dm] = await bot.promoted(OWNER, chat);
    expect(dm!.text).toContain('"Alpha News" is registered.');
    expect(bot.registered).toHaveLength(1);
  });
});

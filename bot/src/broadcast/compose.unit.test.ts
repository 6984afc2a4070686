import { describe, expect, it } from 'vitest';
import { ALPHA, buttonData, OWNER, startBroadcastBot, STRANGER, type WorldChat } from './test-support/broadcast-bot.ts';

const PUBLIC: WorldChat = { id: -1002, type: 'channel', title: 'Alpha News', username: 'alphanews', admins: [{ userId: OWNER, status: 'creator' }, { userId: 1, status: 'administrator', canPost: true }] };
const TIER_BUTTON = { text: 'Monthly', url: 'https://t.me/paygate_test_bot?start=c1alpha' };

/** /broadcast, the audience button, the message: resolves with the preview messages. */
const compose = async (bot: ReturnType<typeof startBroadcastBot>, audience: string, send: () => ReturnType<typeof bot.say>) => {
  const [choose] = await bot.say(OWNER, '/broadcast');
  const [ask] = await bot.press(OWNER, buttonData([choose!], audience));
  expect(ask!.text).toContain('Send me the message');
  return send();
};

describe('composing a broadcast', () => {
  it('previews exactly what subscribers get, then schedules it daily in the owner’s zone', async () => {
    const bot = startBroadcastBot();
    const text = 'Big news & more <3';
    const preview = await compose(bot, 'To my subscribers', () => bot.say(OWNER, text, [{ type: 'bold', offset: 0, length: 8 }]));
    const [draft] = bot.broadcasts.calls.filter((call) => call.method === 'draftBroadcast');
    expect(draft!.input).toMatchObject({ channelId: 'c1alpha', requestedBy: String(OWNER), audience: 'subscribers', html: '<b>Big news</b> &amp; more &lt;3', tierButtons: true });
    expect(draft!.input).not.toHaveProperty('photo');
    expect(preview.map((message) => message.text)).toEqual(['Preview — this is exactly what recipients get:', '<b>Big news</b> &amp; more &lt;3', expect.stringContaining('That was the preview for your active subscribers of "Alpha"')]);
    // The broadcast itself: HTML, one button per tier on sale (the retired one is not), and the opt-out.
    expect(preview[1]).toEqual({ method: 'sendMessage', chatId: OWNER, text: '<b>Big news</b> &amp; more &lt;3', parseMode: 'HTML', buttons: [[TIER_BUTTON], [{ text: 'Stop messages from this channel', data: 'o:c1alpha' }]] });
    expect(preview[2]!.buttons.flat().map((button) => button.text)).toEqual(['Send now', 'Once…', 'Daily…', 'Weekly…', 'Cancel']);

    const [askTime] = await bot.press(OWNER, buttonData(preview, 'Daily…'));
    expect(askTime!.text).toContain('the time of day, e.g. "18:00 Europe/Berlin"');
    expect((await bot.say(OWNER, '18:00 Mars/Base'))[0]!.text).toContain('I do not know that time zone');
    const [scheduled] = await bot.say(OWNER, '18:30 Europe/Berlin');
    expect(bot.broadcasts.calls.at(-1)).toEqual({
      method: 'scheduleBroadcast',
      input: { broadcastId: (draft!.input as { broadcastId: string }).broadcastId, channelId: 'c1alpha', requestedBy: String(OWNER), schedule: { kind: 'daily', time: '18:30', timeZone: 'Europe/Berlin' } },
    });
    expect(scheduled!.text).toBe('Scheduled: daily at 18:30 (Europe/Berlin).\nNext: 2026-03-02 17:30 UTC.\n/broadcasts lists your scheduled broadcasts.');

    const [list] = await bot.say(OWNER, '/broadcasts');
    expect(list!.text).toContain('1. To subscribers, daily at 18:30 (Europe/Berlin); next 2026-03-02 17:30 UTC — "Big news & more <3"');
    const [cancelled] = await bot.press(OWNER, buttonData([list!], 'Cancel 1'));
    expect(cancelled!.text).toContain('will not be sent again');
    expect((await bot.say(OWNER, '/broadcasts'))[0]!.text).toContain('has no scheduled broadcasts');
  });

  it('takes a photo with its caption (the largest size) for the linked public channel, without an opt-out', async () => {
    const bot = startBroadcastBot({ chats: [PUBLIC] });
    await bot.say(OWNER, '/linkpublic @alphanews');
    const sizes = [
      { file_id: 'small', file_unique_id: 's', width: 90, height: 90 },
      { file_id: 'large', file_unique_id: 'l', width: 1280, height: 960 },
      { file_id: 'medium', file_unique_id: 'm', width: 320, height: 240 },
    ];
    const preview = await compose(bot, 'To the public channel "Alpha News"', () => bot.sendPhoto(OWNER, sizes, 'Join us', [{ type: 'italic', offset: 0, length: 4 }]));
    expect(bot.broadcasts.calls.find((call) => call.method === 'draftBroadcast')!.input).toMatchObject({ audience: 'public_channel', html: '<i>Join</i> us', photo: 'large' });
    expect(preview[1]).toEqual({ method: 'sendPhoto', chatId: OWNER, photo: 'large', text: '<i>Join</i> us', parseMode: 'HTML', buttons: [[TIER_BUTTON]] });
    const [asked] = await bot.press(OWNER, buttonData(preview, 'Once…'));
    expect(asked!.text).toContain('"2026-03-02 18:00 Europe/Berlin"');
    expect((await bot.say(OWNER, '2026-03-01 09:00'))[0]!.text).toContain('That time has already passed.');
    expect((await bot.say(OWNER, '2026-03-05 09:00 America/New_York'))[0]!.text).toContain('Scheduled: once, 2026-03-05 14:00 UTC.');
  });

  it('a second send-now inside the cooldown tells the owner when it is possible again', async () => {
    const bot = startBroadcastBot();
    const first = await compose(bot, 'To my subscribers', () => bot.say(OWNER, 'First'));
    expect((await bot.press(OWNER, buttonData(first, 'Send now')))[0]!.text).toBe('Sending to your active subscribers of "Alpha" now. I show you the progress here.');
    // The same button again: already scheduled, nothing else happens.
    expect((await bot.press(OWNER, buttonData(first, 'Send now')))[0]!.text).toContain('already scheduled');
    bot.advance(20 * 60_000);
    const second = await compose(bot, 'To my subscribers', () => bot.say(OWNER, 'Second'));
    const [refused] = await bot.press(OWNER, buttonData(second, 'Send now'));
    expect(refused!.text).toContain('"Send now" is possible again at 2026-03-02 11:00 UTC (in 40 min)');
    bot.advance(40 * 60_000);
    expect((await bot.press(OWNER, buttonData(second, 'Send now')))[0]!.text).toContain('Sending to your active subscribers');
  });

  it('a once inside the cooldown of a send-now is refused with the earliest time, and another time is asked for', async () => {
    const bot = startBroadcastBot();
    const first = await compose(bot, 'To my subscribers', () => bot.say(OWNER, 'First'));
    await bot.press(OWNER, buttonData(first, 'Send now'));
    const second = await compose(bot, 'To my subscribers', () => bot.say(OWNER, 'Second'));
    await bot.press(OWNER, buttonData(second, 'Once…'));
    const [refused] = await bot.say(OWNER, '2026-03-02 10:01');
    expect(refused!.text).toContain('too close to another one-off broadcast');
    expect(refused!.text).toContain('2026-03-02 11:00 UTC');
    expect((await bot.say(OWNER, '2026-03-02 11:30'))[0]!.text).toContain('Scheduled: once, 2026-03-02 11:30 UTC.');
  });

  it('a button pressed before the read model has the draft still schedules it (the command decides)', async () => {
    const bot = startBroadcastBot();
    bot.broadcasts.lag(true);
    const preview = await compose(bot, 'To my subscribers', () => bot.say(OWNER, 'Fresh'));
    expect((await bot.press(OWNER, buttonData(preview, 'Send now')))[0]!.text).toContain('Sending to your active subscribers of "Alpha" now.');
    expect(bot.broadcasts.calls.filter((call) => call.method === 'scheduleBroadcast')).toHaveLength(1);
    expect((await bot.press(OWNER, 'bs:n:c1alpha:nosuchdraft'))[0]!.text).toContain('already scheduled');
  });

  it('refuses everyone but the channel’s owner, and an empty or too long message is asked for again', async () => {
    const bot = startBroadcastBot();
    expect((await bot.say(STRANGER, `/broadcast ${ALPHA.channelId}`))[0]!.text).toBe('"Alpha" is managed by the administrator who registered it.');
    expect((await bot.press(STRANGER, 'ba:s:c1alpha'))[0]!.text).toBe('"Alpha" is managed by the administrator who registered it.');
    expect((await bot.press(STRANGER, 'bs:n:c1alpha:b1'))[0]!.text).toBe('"Alpha" is managed by the administrator who registered it.');
    const tooLong = await compose(bot, 'To my subscribers', () => bot.say(OWNER, 'x'.repeat(4097)));
    expect(tooLong[0]!.text).toContain('at most 4096 characters');
    expect((await bot.sendPhoto(OWNER, [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }]))[0]!.text).toContain('under a photo: a caption');
    expect((await bot.say(OWNER, 'Short'))[1]!.text).toBe('Short');
    expect(bot.broadcasts.calls.filter((call) => call.method === 'draftBroadcast')).toHaveLength(1);
  });

  it('offers the public channel only once one is linked', async () => {
    const bot = startBroadcastBot();
    const [choose] = await bot.say(OWNER, '/broadcast');
    expect(choose!.buttons.flat().map((button) => button.text)).toEqual(['To my subscribers']);
    expect((await bot.press(OWNER, 'ba:p:c1alpha'))[0]!.text).toContain('has no public channel linked');
  });
});

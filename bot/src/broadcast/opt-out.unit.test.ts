import { describe, expect, it } from 'vitest';
import { buttonData, startBroadcastBot } from './test-support/broadcast-bot.ts';

const SUBSCRIBER = 777;

describe('opting out of broadcasts', () => {
  it('the button under a broadcast opts out, and the answer’s button opts back in', async () => {
    const bot = startBroadcastBot();
    const [out] = await bot.press(SUBSCRIBER, 'o:c1alpha');
    expect(out!.text).toBe('You will not get messages from "Alpha" any more. Your subscription is not affected.');
    expect(out!.buttons).toEqual([[{ text: 'Opt back in', data: 'O:c1alpha' }]]);
    expect(bot.broadcasts.optedOut('c1alpha', String(SUBSCRIBER))).toBe(true);
    const [back] = await bot.press(SUBSCRIBER, buttonData([out!], 'Opt back in'));
    expect(back!.text).toBe('You get messages from "Alpha" again.');
    expect(back!.buttons).toEqual([[{ text: 'Stop messages from this channel', data: 'o:c1alpha' }]]);
    expect(bot.broadcasts.optedOut('c1alpha', String(SUBSCRIBER))).toBe(false);
    expect(bot.broadcasts.calls.map((call) => call.input)).toEqual([
      { channelId: 'c1alpha', subscriberId: String(SUBSCRIBER), optedOut: true },
      { channelId: 'c1alpha', subscriberId: String(SUBSCRIBER), optedOut: false },
    ]);
  });

  it('/optout and /optin take a channel code, or the only channel subscribed to', async () => {
    const bot = startBroadcastBot();
    expect((await bot.say(SUBSCRIBER, '/optout c1alpha'))[0]!.text).toContain('You will not get messages from "Alpha" any more.');
    expect((await bot.say(SUBSCRIBER, '/optin'))[0]!.text).toBe('You get messages from "Alpha" again.');
    expect((await bot.say(SUBSCRIBER, '/optout nope'))[0]!.text).toContain('I do not know a channel with the code "nope"');
    expect((await bot.say(SUBSCRIBER, '/optout a b'))[0]!.text).toContain('/optout c1alpha — "Alpha"');
    expect(bot.broadcasts.optedOut('c1alpha', String(SUBSCRIBER))).toBe(false);
  });

  it('a forged or foreign button is not an opt-out', async () => {
    const bot = startBroadcastBot();
    expect(await bot.press(SUBSCRIBER, 'o:c1alpha:extra')).toEqual([]);
    expect(bot.broadcasts.calls).toEqual([]);
  });
});

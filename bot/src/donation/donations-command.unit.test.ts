import { describe, expect, it } from 'vitest';
import { ALPHA, OWNER, PUBLIC_CHAT, STRANGER, memoryDonations, startDonationBot, usd } from './donation-test-bot.ts';

const DONATE_URL = 'https://t.me/paygate_test_bot?start=donate_c1alpha';

describe('/donations', () => {
  it('posts the Donate message in the channel, pins it quietly and records it; a change edits it in place', async () => {
    const donations = memoryDonations();
    const bot = startDonationBot({ donations: donations.port });
    await bot.say(OWNER, '/donations on');
    expect(donations.configured).toEqual([{ channelId: 'c1alpha', requestedBy: String(OWNER), presets: [usd(500n), usd(1000n), usd(2500n)], postInPublic: false, enabled: true }]);
    const [post, ...more] = bot.messages(ALPHA.chatId);
    expect(more).toEqual([]);
    expect(post).toMatchObject({ pinned: true, buttons: [{ text: 'Donate', url: DONATE_URL }] });
    expect(post!.text).toContain('Suggested: 5.00 USD, 10.00 USD, 25.00 USD');
    expect(bot.calls('pinChatMessage')).toEqual([{ chat_id: ALPHA.chatId, message_id: post!.messageId, disable_notification: true }]);
    expect(donations.settings.get('c1alpha')?.messages).toEqual([{ chatId: ALPHA.chatId, messageId: post!.messageId }]);
    expect(bot.last(OWNER).text).toContain('Donations to "Alpha" are on.');
    expect(bot.last(OWNER).text).toContain('The Donate message is in 1 chat.');

    await bot.say(OWNER, '/donations presets 3 $7.50');
    expect(bot.messages(ALPHA.chatId)).toHaveLength(1);
    expect(bot.messages(ALPHA.chatId)[0]!.text).toContain('Suggested: 3.00 USD, 7.50 USD,');
    expect(bot.messages(ALPHA.chatId)[0]!.buttons).toEqual([{ text: 'Donate', url: DONATE_URL }]);
    expect(bot.calls('sendMessage').filter((call) => call.chat_id === ALPHA.chatId)).toHaveLength(1);
    expect(donations.settings.get('c1alpha')?.presets).toEqual([usd(300n), usd(750n)]);
  });

  it('posts and pins a new message when the recorded one was deleted, and edits that one next', async () => {
    const donations = memoryDonations();
    const bot = startDonationBot({ donations: donations.port });
    await bot.say(OWNER, '/donations on');
    const first = bot.last(ALPHA.chatId);
    bot.remove(ALPHA.chatId, first.messageId);

    await bot.say(OWNER, '/donations presets 4');
    const [again, ...more] = bot.messages(ALPHA.chatId);
    expect(more).toEqual([]);
    expect(again!.messageId).not.toBe(first.messageId);
    expect(again).toMatchObject({ pinned: true, buttons: [{ text: 'Donate', url: DONATE_URL }] });
    expect(again!.text).toContain('Suggested: 4.00 USD,');
    expect(donations.settings.get('c1alpha')?.messages).toEqual([{ chatId: ALPHA.chatId, messageId: again!.messageId }]);

    await bot.say(OWNER, '/donations presets 6');
    expect(bot.messages(ALPHA.chatId)).toHaveLength(1);
    expect(bot.last(ALPHA.chatId).text).toContain('Suggested: 6.00 USD,');
  });

  it('off pauses donations: the message stays, without its button; on brings the button back', async () => {
    const donations = memoryDonations();
    const bot = startDonationBot({ donations: donations.port });
    await bot.say(OWNER, '/donations on');
    await bot.say(OWNER, '/donations off');
    expect(donations.configured.at(-1)).toMatchObject({ enabled: false, presets: [usd(500n), usd(1000n), usd(2500n)] });
    expect(bot.messages(ALPHA.chatId)).toEqual([expect.objectContaining({ text: 'Donations to "Alpha" are paused for now.', buttons: [] })]);
    expect(bot.last(OWNER).text).toContain('Donations to "Alpha" are paused.');
    await bot.say(OWNER, '/donations on');
    expect(bot.messages(ALPHA.chatId)).toEqual([expect.objectContaining({ buttons: [{ text: 'Donate', url: DONATE_URL }] })]);
  });

  it('public on posts in the linked public channel too; public off pauses it there only', async () => {
    const donations = memoryDonations();
    const bot = startDonationBot({ donations: donations.port, publicChat: true });
    await bot.say(OWNER, '/donations on');
    expect(bot.messages(PUBLIC_CHAT)).toEqual([]);
    await bot.say(OWNER, '/donations public on');
    expect(bot.messages(PUBLIC_CHAT)).toEqual([expect.objectContaining({ pinned: true, buttons: [{ text: 'Donate', url: DONATE_URL }] })]);
    expect(bot.last(OWNER).text).toContain('the Donate message is posted in "Alpha News" too');
    await bot.say(OWNER, '/donations public off');
    expect(bot.last(PUBLIC_CHAT).buttons).toEqual([]);
    expect(bot.last(ALPHA.chatId).buttons).toEqual([{ text: 'Donate', url: DONATE_URL }]);
  });

  it('without arguments shows the settings; bad arguments show the usage; bad amounts are refused', async () => {
    const donations = memoryDonations();
    const bot = startDonationBot({ donations: donations.port });
    await bot.say(OWNER, '/donations');
    expect(bot.last(OWNER).text).toContain('Donations to "Alpha" are not set up yet.');
    await bot.say(OWNER, '/donations maybe');
    expect(bot.last(OWNER).text).toMatch(/^Usage:/);
    await bot.say(OWNER, '/donations presets 5 0.10');
    expect(bot.last(OWNER).text).toContain('the minimum donation is 1.00 USD');
    expect(donations.configured).toEqual([]);
    expect(bot.messages(ALPHA.chatId)).toEqual([]);
  });

  it('refuses someone who does not own the channel', async () => {
    const donations = memoryDonations();
    const bot = startDonationBot({ donations: donations.port });
    await bot.say(STRANGER, '/donations c1alpha on');
    expect(bot.last(STRANGER).text).toBe('"Alpha" is managed by the administrator who registered it.');
    await bot.say(STRANGER, '/donations on');
    expect(bot.last(STRANGER).text).not.toContain('Donations to');
    expect(donations.configured).toEqual([]);
    expect(bot.messages(ALPHA.chatId)).toEqual([]);
  });
});

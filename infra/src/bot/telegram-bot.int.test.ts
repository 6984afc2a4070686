import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelCodeForChat, SECRET_HEADER } from '@paygate/bot';
import { channelStreamId } from '@paygate/domain';
import { waitFor } from '@paygate/testkit';
import { startBotHarness, type BotHarness } from './test-support/bot-harness.ts';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});

const control = () => h.telegram.control;
const say = (userId: number, text: string) => control().sendText({ userId, text });
const types = async (streamId: string) => (await h.eventStore.readStream(streamId)).map((event) => event.type);
const buttonsOf = (message: { replyMarkup?: { inline_keyboard: { text: string; url?: string; callback_data?: string }[][] } }) =>
  message.replyMarkup?.inline_keyboard.flat() ?? [];

/** An owner with a channel the bot administers with every right it needs; resolves once it is registered. */
const registeredChannel = async (title: string) => {
  const owner = control().createUser({ firstName: 'Olga', startedBot: true });
  const chat = control().createChannel({ ownerId: owner.id, title });
  control().promoteBot({ chatId: chat.id });
  const channelId = channelCodeForChat(String(chat.id));
  await waitFor(`${title} registered`, async () => (await types(channelStreamId(channelId))).includes('ChannelRegistered'));
  // Owner commands without a channel code find it in the channels read model, projected a moment later.
  await waitFor(`${title} in the read model`, async () => (await h.pool.query('SELECT 1 FROM read_model.channels WHERE channel_id = $1', [channelId])).rowCount === 1);
  return { owner, chat, channelId };
};

describe('owner setup', () => {
  it('adding the bot as admin registers the channel and DMs the owner its share link', async () => {
    const { owner, chat, channelId } = await registeredChannel('Alpha signals');
    const [registered] = await h.eventStore.readStream(channelStreamId(channelId));
    expect(registered?.data).toMatchObject({ channelId, chatId: String(chat.id), ownerId: String(owner.id), title: 'Alpha signals' });
    const dm = await h.nthMessage(owner.id, 1);
    expect(dm.text).toContain('"Alpha signals" is registered');
    expect(dm.text).toContain(`https://t.me/paygate_test_bot?start=${channelId}`);
    // The owner was checked against getChatAdministrators.
    expect(control().calls('getChatAdministrators').length).toBeGreaterThan(0);
  });

  it('missing rights get a precise explanation; granting them registers', async () => {
    const owner = control().createUser({ firstName: 'Max', startedBot: true });
    const chat = control().createChannel({ ownerId: owner.id, title: 'Beta' });
    control().promoteBot({ chatId: chat.id, rights: { can_invite_users: true, can_restrict_members: false, can_post_messages: true } });
    const dm = await h.nthMessage(owner.id, 1);
    expect(dm.text).toContain('"Ban users"');
    expect(dm.text).not.toContain('Invite users via link');
    const channelId = channelCodeForChat(String(chat.id));
    expect(await types(channelStreamId(channelId))).toEqual([]);

    control().promoteBot({ chatId: chat.id });
    await waitFor('Beta registered', async () => (await types(channelStreamId(channelId))).includes('ChannelRegistered'));
    expect((await h.nthMessage(owner.id, 2)).text).toContain('is registered');
  });

  it('someone who is not an admin of the chat cannot register it (the update is checked against getChatAdministrators)', async () => {
    const owner = control().createUser({ firstName: 'Real owner', startedBot: true });
    const intruder = control().createUser({ firstName: 'Mallory', startedBot: true });
    const chat = control().createChannel({ ownerId: owner.id, title: 'Gamma' });
    control().promoteBot({ chatId: chat.id, rights: { can_invite_users: true, can_restrict_members: true } });
    const channelId = channelCodeForChat(String(chat.id));
    await waitFor('Gamma registered by its owner', async () => (await types(channelStreamId(channelId))).includes('ChannelRegistered'));
    // A my_chat_member claiming Mallory promoted the bot in another channel she does not administer.
    const other = control().createChannel({ ownerId: owner.id, title: 'Delta' });
    control().promoteBot({ chatId: other.id, rights: { can_invite_users: false } });
    const forged = {
      update_id: 9_000_001,
      my_chat_member: {
        chat: { id: other.id, type: 'channel', title: 'Delta' },
        from: { id: intruder.id, is_bot: false, first_name: 'Mallory' },
        date: Math.floor(Date.now() / 1000),
        old_chat_member: { status: 'left', user: { id: h.telegram.botId, is_bot: true, first_name: 'bot' } },
        new_chat_member: { status: 'administrator', user: { id: h.telegram.botId, is_bot: true, first_name: 'bot' }, can_invite_users: true, can_restrict_members: true, can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: true, can_manage_video_chats: false, can_promote_members: false, can_change_info: false, can_post_stories: false, can_edit_stories: false, can_delete_stories: false },
      },
    };
    const response = await fetch(h.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', [SECRET_HEADER]: h.secretToken }, body: JSON.stringify(forged) });
    expect(response.status).toBe(200);
    const dm = await h.nthMessage(intruder.id, 1);
    expect(dm.text).toContain('Only an administrator of "Delta"');
    expect(await types(channelStreamId(channelCodeForChat(String(other.id))))).toEqual([]);
  });

  it('tiers: add, change price and duration, retire by button; others cannot touch them', async () => {
    const { owner, channelId } = await registeredChannel('Tiered');
    say(owner.id, '/addtier Monthly 9.99 30');
    expect((await h.nthMessage(owner.id, 2)).text).toContain('Tier "Monthly" added to "Tiered": 9.99 USD for 30 days');
    say(owner.id, '/addtier Gold plan $25 90d');
    expect((await h.nthMessage(owner.id, 3)).text).toContain('25.00 USD for 90 days');
    say(owner.id, '/setprice monthly 12.50');
    expect((await h.nthMessage(owner.id, 4)).text).toContain('now 12.50 USD for 30 days');
    say(owner.id, '/setduration Monthly 31');
    expect((await h.nthMessage(owner.id, 5)).text).toContain('12.50 USD for 31 days');
    say(owner.id, '/addtier Weekly 9.999 7');
    expect((await h.nthMessage(owner.id, 6)).text).toContain('"9.999" is not a price');

    const priced = (await h.eventStore.readStream(channelStreamId(channelId))).filter((event) => event.type === 'TierPriced').map((event) => event.data);
    expect(priced).toMatchObject([
      { tierId: 'monthly', name: 'Monthly', price: { amount: '999', currency: 'USD', decimals: 2 }, durationDays: 30 },
      { tierId: 'gold-plan', name: 'Gold plan', price: { amount: '2500' }, durationDays: 90 },
      { tierId: 'monthly', price: { amount: '1250' }, durationDays: 30 },
      { tierId: 'monthly', price: { amount: '1250' }, durationDays: 31 },
    ]);

    say(owner.id, '/channels');
    const menu = await h.nthMessage(owner.id, 7);
    expect(menu.text).toContain('Gold plan: 25.00 USD for 90 days');
    const retire = buttonsOf(menu).find((button) => button.text === 'Retire "Gold plan"');
    control().pressButton({ userId: owner.id, messageId: menu.messageId, data: retire!.callback_data! });
    const confirm = await h.nthMessage(owner.id, 8);
    control().pressButton({ userId: owner.id, messageId: confirm.messageId, text: 'Yes, retire it' });
    expect((await h.nthMessage(owner.id, 9)).text).toContain('Tier "Gold plan" of "Tiered" is retired');
    expect(await types(channelStreamId(channelId))).toContain('TierRetired');

    const stranger = control().createUser({ firstName: 'Sam' });
    say(stranger.id, `/addtier ${channelId} Cheap 1 30`);
    expect((await h.nthMessage(stranger.id, 1)).text).toContain('managed by the administrator who registered it');
    say(stranger.id, '/retiretier Monthly');
    expect((await h.nthMessage(stranger.id, 2)).text).toContain('no registered channels');
    expect((await h.eventStore.readStream(channelStreamId(channelId))).filter((event) => event.type === 'TierPriced')).toHaveLength(4);
  });
});

describe('subscribers', () => {
  it('the deep link shows the plans; a plan gives a pay button for a recorded invoice; pressing it again shows the same invoice', async () => {
    const { owner, channelId } = await registeredChannel('Omega');
    say(owner.id, '/addtier Monthly 9.99 30');
    await h.nthMessage(owner.id, 2);
    const subscriber = control().createUser({ firstName: 'Sue' });
    say(subscriber.id, `/start ${channelId}`);
    const offer = await h.nthMessage(subscriber.id, 1);
    expect(offer.text).toContain('"Omega"');
    const [plan] = buttonsOf(offer);
    expect(plan?.text).toBe('Monthly — 9.99 USD for 30 days');

    control().pressButton({ userId: subscriber.id, messageId: offer.messageId, data: plan!.callback_data! });
    const invoiceMessage = await h.nthMessage(subscriber.id, 2);
    const [pay] = buttonsOf(invoiceMessage);
    expect(pay?.text).toBe('Pay 9.99 USD');
    expect(pay?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const invoiceId = /Invoice (inv_[0-9a-f]{24})/.exec(invoiceMessage.text)?.[1];
    expect(invoiceId).toBeDefined();
    const stream = await h.eventStore.readStream(`invoice-${invoiceId}`);
    expect(stream.map((event) => event.type)).toEqual(['InvoiceCreated', 'InvoiceLinked']);
    expect(stream[0]?.data).toMatchObject({ channelId, tierId: 'monthly', subscriberId: String(subscriber.id), price: { amount: '999', currency: 'USD' } });
    expect((stream[1]?.data as { invoiceUrl: string }).invoiceUrl).toBe(pay?.url);

    control().pressButton({ userId: subscriber.id, messageId: offer.messageId, data: plan!.callback_data! });
    expect(/Invoice (inv_[0-9a-f]{24})/.exec((await h.nthMessage(subscriber.id, 3)).text)?.[1]).toBe(invoiceId);
    expect((await h.eventStore.readStream(`invoice-${invoiceId}`)).map((event) => event.type)).toEqual(['InvoiceCreated', 'InvoiceLinked']);
  });

  it('an unknown code, a channel without plans and /help get clear answers', async () => {
    const user = control().createUser({ firstName: 'Una' });
    say(user.id, '/start nosuchchannel');
    expect((await h.nthMessage(user.id, 1)).text).toContain('I do not know a channel with the code "nosuchchannel"');
    const { channelId } = await registeredChannel('Empty');
    say(user.id, `/start ${channelId}`);
    expect((await h.nthMessage(user.id, 2)).text).toContain('"Empty" has nothing for sale yet');
    say(user.id, '/help');
    expect((await h.nthMessage(user.id, 3)).text).toContain('/subscriptions');
    say(user.id, '/subscriptions');
    expect((await h.nthMessage(user.id, 4)).text).toContain('You have no subscriptions yet');
  });

  it('invoices are limited per user: the sixth within a minute gets a friendly wait message', async () => {
    const { owner, channelId } = await registeredChannel('Limited');
    say(owner.id, '/addtier Daily 1 1');
    await h.nthMessage(owner.id, 2);
    const user = control().createUser({ firstName: 'Rita' });
    say(user.id, `/start ${channelId}`);
    const offer = await h.nthMessage(user.id, 1);
    const data = buttonsOf(offer)[0]!.callback_data!;
    for (let press = 1; press <= 6; press++) {
      control().pressButton({ userId: user.id, messageId: offer.messageId, data });
      await h.nthMessage(user.id, 1 + press);
    }
    const replies = h.botMessages(user.id).slice(1).map((message) => message.text);
    expect(replies.slice(0, 5).every((text) => text.includes('Pay with the button below'))).toBe(true);
    expect(replies[5]).toMatch(/Please wait \d+ seconds? and try again/);
  });
});

describe('updates, transport and Telegram limits', () => {
  it('a duplicate update id changes nothing (webhook copies of a polled update, a /start and a button)', async () => {
    const { owner, channelId } = await registeredChannel('Dedup');
    say(owner.id, '/addtier Monthly 5 30');
    await h.nthMessage(owner.id, 2);
    const user = control().createUser({ firstName: 'Dora' });
    const start = say(user.id, `/start ${channelId}`);
    const offer = await h.nthMessage(user.id, 1);
    const post = (update: unknown) =>
      fetch(h.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', [SECRET_HEADER]: h.secretToken }, body: JSON.stringify(update) });
    expect((await post(start)).status).toBe(200);
    expect((await post(start)).status).toBe(200);

    const { update: press } = control().pressButton({ userId: user.id, messageId: offer.messageId, data: buttonsOf(offer)[0]!.callback_data! });
    await h.nthMessage(user.id, 2);
    for (let copy = 0; copy < 3; copy++) expect((await post(press)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.botMessages(user.id)).toHaveLength(2);
    const invoiceId = /Invoice (inv_[0-9a-f]{24})/.exec(h.botMessages(user.id)[1]!.text)?.[1];
    expect((await h.eventStore.readStream(`invoice-${invoiceId}`)).map((event) => event.type)).toEqual(['InvoiceCreated', 'InvoiceLinked']);
    const skipped = h.logLines.filter((line) => line.msg === 'telegram update already handled; skipped' && (line.updateId === start.update_id || line.updateId === press.update_id));
    expect(skipped).toHaveLength(5);
  });

  it('the webhook checks the secret token: 401 when missing or wrong, before anything is handled', async () => {
    const user = control().createUser({ firstName: 'Walt', startedBot: true });
    const update = { update_id: 9_100_000, message: { message_id: 1, date: 1, chat: { id: user.id, type: 'private', first_name: 'Walt' }, from: { id: user.id, is_bot: false, first_name: 'Walt' }, text: '/help', entities: [{ type: 'bot_command', offset: 0, length: 5 }] } };
    const post = (headers: Record<string, string>, body: string = JSON.stringify(update)) => fetch(h.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    expect((await post({})).status).toBe(401);
    expect((await post({ [SECRET_HEADER]: `${h.secretToken}x` })).status).toBe(401);
    expect((await post({ [SECRET_HEADER]: h.secretToken.slice(1) })).status).toBe(401);
    expect(h.botMessages(user.id)).toHaveLength(0);
    expect((await post({ [SECRET_HEADER]: h.secretToken }, '{"not":"an update"}')).status).toBe(400);
    expect((await post({ [SECRET_HEADER]: h.secretToken })).status).toBe(200);
    expect((await h.nthMessage(user.id, 1)).text).toContain('PayGate sells access');
  });

  it("a 429 from Telegram is waited out (retry_after) and the reply still arrives", async () => {
    const user = control().createUser({ firstName: 'Tess' });
    const before = control().calls('sendMessage').length;
    control().faults.rateLimit('sendMessage', { times: 1, retryAfter: 1 });
    const started = Date.now();
    say(user.id, '/help');
    await h.nthMessage(user.id, 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(control().calls('sendMessage').length - before).toBe(2);
    expect(h.logLines.some((line) => line.msg === 'Telegram asked to slow down (429); waiting' && line.retryAfterSeconds === 1)).toBe(true);
  });

  it('a chat that blocked the bot (403) is recorded once, not retried, and cleared when the user comes back', async () => {
    const owner = control().createUser({ firstName: 'Blocky', startedBot: true });
    control().blockBot(owner.id);
    await waitFor('the block recorded from my_chat_member', () => h.blockedChats.isBlocked(String(owner.id)));
    await h.blockedChats.reachable(String(owner.id));
    // The bot writes first (a registration DM) and meets the block.
    const chat = control().createChannel({ ownerId: owner.id, title: 'Blocked owner' });
    const sendsBefore = control().calls('sendMessage').length;
    control().promoteBot({ chatId: chat.id });
    const blocked = await waitFor('the 403 recorded', () => h.blockedChats.isBlocked(String(owner.id)));
    expect(blocked.reason).toMatch(/blocked by the user/);
    expect(control().calls('sendMessage').length - sendsBefore).toBe(1);
    say(owner.id, '/start');
    await waitFor('cleared on /start', async () => (await h.blockedChats.isBlocked(String(owner.id))) === undefined);
  });

  it('no secret reaches the logs', () => {
    const text = JSON.stringify(h.logLines);
    expect(text).not.toContain('bot-harness-token_abcdefghijklmnop');
    expect(text).not.toContain(h.secretToken);
  });
});

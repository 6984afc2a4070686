import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelCodeForChat, type BotDonationSettings, type DonationPort, type PendingInputPort } from '@paygate/bot';
import { channelStreamId } from '@paygate/domain';
import { waitFor } from '@paygate/testkit';
import { createPostgresPendingInputs } from './postgres-pending-inputs.ts';
import { startBotHarness, type BotHarness } from './test-support/bot-harness.ts';

// Donations through the bot over the Telegram simulator (HTTP, polling) with pending inputs in
// PostgreSQL. The donation commands are a port kept in memory here; their streams are tested
// with the commands themselves.

const settings = new Map<string, BotDonationSettings>();
const invoices = new Map<string, Parameters<DonationPort['createDonationInvoice']>[0]>();
const donations: DonationPort = {
  async createDonationInvoice(input) {
    if (!invoices.has(input.invoiceId)) invoices.set(input.invoiceId, input);
    return { invoiceId: input.invoiceId, invoiceUrl: `https://nowpayments.test/invoice/${input.invoiceId}`, amount: invoices.get(input.invoiceId)!.amount };
  },
  donationSettings: async (channelId) => settings.get(channelId),
  async configureDonations({ channelId, presets, postInPublic, enabled }) {
    settings.set(channelId, { presets, postInPublic, enabled: enabled ?? true, messages: settings.get(channelId)?.messages ?? [] });
    return { events: [{ type: 'DonationsConfigured', data: {} }] };
  },
  async recordDonationMessage({ channelId, chatId, messageId }) {
    const current = settings.get(channelId)!;
    settings.set(channelId, { ...current, messages: [...current.messages.filter((m) => m.chatId !== chatId), { chatId, messageId }] });
    return { events: [{ type: 'DonationMessagePosted', data: {} }] };
  },
};

let h: BotHarness;
// The harness makes its database as it starts: the bot gets a store that uses its pool once there.
let store: PendingInputPort | undefined;
const pendingInputs: PendingInputPort = {
  set: (...args) => store!.set(...args),
  take: (...args) => store!.take(...args),
  clear: (...args) => store!.clear(...args),
};
beforeAll(async () => {
  h = await startBotHarness({ deps: { donations, pendingInputs } });
  store = createPostgresPendingInputs(h.pool);
});
afterAll(async () => {
  await h?.close();
});

describe('donations in the Telegram sandbox', () => {
  it('the Donate message is posted and pinned, re-posted when the owner deleted it, edited on change; a donor types an amount and gets a pay button', async () => {
    const control = h.telegram.control;
    const owner = control.createUser({ firstName: 'Olga', startedBot: true });
    const chat = control.createChannel({ ownerId: owner.id, title: 'Givers' });
    control.promoteBot({ chatId: chat.id });
    const channelId = channelCodeForChat(String(chat.id));
    await waitFor('registered', async () => (await h.eventStore.readStream(channelStreamId(channelId))).some((e) => e.type === 'ChannelRegistered'));
    await waitFor('in the read model', async () => (await h.pool.query('SELECT 1 FROM read_model.channels WHERE channel_id = $1', [channelId])).rowCount === 1);
    await h.nthMessage(owner.id, 1);

    control.sendText({ userId: owner.id, text: '/donations on' });
    expect((await h.nthMessage(owner.id, 2)).text).toContain('Donations to "Givers" are on.');
    const [post] = control.botMessages(chat.id);
    expect(post).toMatchObject({ pinned: true });
    expect(post!.replyMarkup?.inline_keyboard.flat()).toEqual([{ text: 'Donate', url: `https://t.me/paygate_test_bot?start=donate_${channelId}` }]);
    expect(control.calls('pinChatMessage').at(-1)?.params).toMatchObject({ message_id: post!.messageId, disable_notification: true });

    control.deleteMessage({ chatId: chat.id, messageId: post!.messageId });
    control.sendText({ userId: owner.id, text: '/donations presets 4 8' });
    await h.nthMessage(owner.id, 3);
    const [again, ...more] = control.botMessages(chat.id);
    expect(more).toEqual([]);
    expect(again!.messageId).not.toBe(post!.messageId);
    expect(again).toMatchObject({ pinned: true });
    expect(again!.text).toContain('Suggested: 4.00 USD, 8.00 USD');
    expect(settings.get(channelId)?.messages).toEqual([{ chatId: String(chat.id), messageId: again!.messageId }]);

    control.sendText({ userId: owner.id, text: '/donations presets 5' });
    await h.nthMessage(owner.id, 4);
    expect(control.botMessages(chat.id)).toEqual([expect.objectContaining({ messageId: again!.messageId, text: expect.stringContaining('Suggested: 5.00 USD,') })]);

    const donor = control.createUser({ firstName: 'Dana', startedBot: true });
    control.sendText({ userId: donor.id, text: `/start donate_${channelId}` });
    const offer = await h.nthMessage(donor.id, 1);
    expect(offer.replyMarkup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['5.00 USD', 'Other amount']);
    control.pressButton({ userId: donor.id, messageId: offer.messageId, text: 'Other amount' });
    await h.nthMessage(donor.id, 2);
    control.sendText({ userId: donor.id, text: '0.5' });
    expect((await h.nthMessage(donor.id, 3)).text).toContain('the minimum donation is 1.00 USD');
    control.sendText({ userId: donor.id, text: '12.50' });
    const ask = await h.nthMessage(donor.id, 4);
    expect(ask.text).toBe('12.50 USD to "Givers". Show your name to the owner?');
    control.pressButton({ userId: donor.id, messageId: ask.messageId, text: 'Show my name' });
    const invoice = await h.nthMessage(donor.id, 5);
    const invoiceId = /Invoice (inv_[0-9a-f]{24})/.exec(invoice.text)?.[1];
    expect(invoice.replyMarkup?.inline_keyboard.flat()).toEqual([{ text: 'Pay 12.50 USD', url: `https://nowpayments.test/invoice/${invoiceId}` }]);
    expect(invoices.get(invoiceId!)).toMatchObject({ channelId, donorId: String(donor.id), showName: true, donorName: 'Dana' });
    // The question was answered and removed from PostgreSQL.
    expect((await h.pool.query('SELECT 1 FROM paygate_bot_pending_inputs WHERE user_id = $1', [String(donor.id)])).rowCount).toBe(0);
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelCodeForChat } from '@paygate/bot';
import { channelStreamId, payoutSettingsStreamId, subscriptionStreamId } from '@paygate/domain';
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
const buttonsOf = (message: { replyMarkup?: { inline_keyboard: { text: string; url?: string; callback_data?: string }[][] } }) =>
  message.replyMarkup?.inline_keyboard.flat() ?? [];
const WALLET = '0x52908400098527886E0F7030069857D2E4169EE7';

const registeredChannel = async (title: string) => {
  const owner = control().createUser({ firstName: 'Olga', startedBot: true });
  const chat = control().createChannel({ ownerId: owner.id, title });
  control().promoteBot({ chatId: chat.id });
  const channelId = channelCodeForChat(String(chat.id));
  await waitFor(`${title} registered`, async () => (await h.eventStore.readStream(channelStreamId(channelId))).length > 0);
  await waitFor(`${title} in the read model`, async () => (await h.pool.query('SELECT 1 FROM read_model.channels WHERE channel_id = $1', [channelId])).rowCount === 1);
  await h.nthMessage(owner.id, 1);
  return { owner, chat, channelId };
};

describe('payout settings from the bot', () => {
  it('the owner sets a checksummed wallet and a strategy; a wrong checksum and a stranger are refused', async () => {
    const { owner, channelId } = await registeredChannel('Payouts');
    say(owner.id, `/wallet ${WALLET.toLowerCase().replace('0x52908400098527886e0f', '0x52908400098527886E0f')} polygon USDTMATIC`);
    expect((await h.nthMessage(owner.id, 2)).text).toContain('EIP-55 checksum');
    say(owner.id, `/wallet ${WALLET} Polygon usdtmatic`);
    expect((await h.nthMessage(owner.id, 3)).text).toBe(`Payouts for "Payouts" go to ${WALLET} on polygon, in USDTMATIC.`);
    say(owner.id, '/payout threshold 100');
    expect((await h.nthMessage(owner.id, 4)).text).toContain('once your balance reaches 100.00 USD');
    say(owner.id, '/payout instant');
    expect((await h.nthMessage(owner.id, 5)).text).toContain('after every payment');
    say(owner.id, '/payout sometimes');
    expect((await h.nthMessage(owner.id, 6)).text).toContain('/payout threshold <USD>');

    const events = await h.eventStore.readStream(payoutSettingsStreamId(channelId));
    expect(events.map((event) => [event.type, (event.data as { strategy?: string }).strategy])).toEqual([
      ['PayoutWalletSet', undefined],
      ['PayoutStrategyChosen', 'threshold'],
      ['PayoutStrategyChosen', 'instant'],
    ]);
    expect(events[0]?.data).toMatchObject({ address: WALLET, network: 'polygon', currency: 'USDTMATIC', ownerId: String(owner.id) });
    expect(events[1]?.data).toMatchObject({ threshold: { amount: '10000', currency: 'USD', decimals: 2 } });

    const stranger = control().createUser({ firstName: 'Sam' });
    say(stranger.id, `/wallet ${channelId} ${WALLET} polygon USDTMATIC`);
    expect((await h.nthMessage(stranger.id, 1)).text).toContain('managed by the administrator who registered it');
    expect(await h.eventStore.readStream(payoutSettingsStreamId(channelId))).toHaveLength(3);
  });
});

describe('subscriptions and join requests', () => {
  it('/subscriptions lists end dates in UTC with "in N days", and renew gives a pay button', async () => {
    const { owner, channelId } = await registeredChannel('Subscribed');
    say(owner.id, '/addtier Monthly 9.99 30');
    await h.nthMessage(owner.id, 2);
    const user = control().createUser({ firstName: 'Sue' });
    const startsAt = new Date();
    const endsAt = new Date(startsAt.getTime() + 3 * 86_400_000);
    await h.eventStore.append(subscriptionStreamId(channelId, String(user.id)), [
      {
        id: randomUUID(),
        type: 'SubscriptionStarted',
        data: { channelId, subscriberId: String(user.id), invoiceId: 'inv_seeded', tierId: 'monthly', durationDays: 3, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
      },
    ]);
    await waitFor('subscription projected', async () => (await h.pool.query('SELECT 1 FROM read_model.subscriptions WHERE subscriber_id = $1', [String(user.id)])).rowCount === 1);
    say(user.id, '/subscriptions');
    const list = await h.nthMessage(user.id, 1);
    const shown = `${endsAt.toISOString().slice(0, 10)} ${endsAt.toISOString().slice(11, 16)} UTC (in 3 days)`;
    expect(list.text).toContain(`"Subscribed" (Monthly): until ${shown}`);
    const [renew] = buttonsOf(list);
    expect(renew?.text).toBe('Renew "Subscribed"');
    control().pressButton({ userId: user.id, messageId: list.messageId, data: renew!.callback_data! });
    expect(buttonsOf(await h.nthMessage(user.id, 2))[0]?.text).toBe('Pay 9.99 USD');
  });

  it('a join request through a PayGate link not issued to the requester reaches the access manager and is declined', async () => {
    const { chat } = await registeredChannel('Gated');
    const link = await h.telegramClient.createChatInviteLink({ chatId: String(chat.id), createsJoinRequest: true, name: 'pg-orphan' });
    const stranger = control().createUser({ firstName: 'Eve' });
    expect(control().joinViaLink({ userId: stranger.id, inviteLink: link.inviteLink }).outcome).toBe('requested');
    await waitFor('the request declined', () => control().calls('declineChatJoinRequest').length > 0 && control().joinRequests(chat.id).length === 0);
    expect(control().member(chat.id, stranger.id).status).not.toBe('member');
    expect((await h.nthMessage(stranger.id, 1)).text).toContain('was declined');
  });
});

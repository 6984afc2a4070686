import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelCodeForChat, SECRET_HEADER, type PayoutSettingsPort } from '@paygate/bot';
import { createChannelCommands, createPayoutSettingsCommands, type PayoutSettingsCommands } from '@paygate/commands';
import { channelStreamId, payoutSettingsStreamId } from '@paygate/domain';
import type { SandboxMessage, TgUpdate } from '@paygate/gateways';
import { waitFor } from '@paygate/testkit';
import { testClock } from '../lifecycle/test-support/lifecycle-harness.ts';
import { createBotQueries } from './bot-queries.ts';
import { startBotHarness, type BotHarness } from './test-support/bot-harness.ts';

// Who owns a channel and where its money goes, through the bot and the Telegram simulator.
// Updates are delivered one by one through the webhook (no polling), so a test decides which
// ones the bot sees — including a my_chat_member as if an administrator, not the creator, had
// added the bot. Payout settings run on a test clock to cross the wallet hold.

const HOUR = 3_600_000;
const OLD = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
const NEW = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359';
const OTHER = '0x52908400098527886E0F7030069857D2E4169EE7';

let h: BotHarness;
let payout: PayoutSettingsCommands;
const clock = testClock('2026-02-01T00:00:00.000Z');

beforeAll(async () => {
  // The bot's payout port is built once the harness has its event store.
  const port: PayoutSettingsPort = {
    setPayoutWallet: (input) => payout.setPayoutWallet(input),
    cancelPayoutWalletChange: (input) => payout.cancelPayoutWalletChange(input),
    choosePayoutStrategy: (input) => payout.choosePayoutStrategy(input),
    payoutSettingsFor: (channelId) => payout.payoutSettingsFor(channelId),
  };
  h = await startBotHarness({
    polling: false,
    // The bot reads the same clock (relative times in its answers).
    deps: { payoutSettings: port, clock },
    // No outbound pacing: the owners here get many DMs in a row.
    bot: { api: { pacing: { wait: async () => undefined } } },
  });
  payout = createPayoutSettingsCommands({ eventStore: h.eventStore, clock, walletHoldSeconds: 48 * 3600 });
});
afterAll(async () => {
  await h?.close();
});

const control = () => h.telegram.control;
const deliver = async (update: TgUpdate | undefined) => {
  if (!update) throw new Error('the simulator made no update');
  const response = await fetch(h.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SECRET_HEADER]: h.secretToken },
    body: JSON.stringify(update),
  });
  expect(response.status).toBe(200);
};
/** The user says it; resolves with the bot's next message to them. */
const say = async (userId: number, text: string): Promise<SandboxMessage> => {
  const before = h.botMessages(userId).length;
  await deliver(control().sendText({ userId, text }));
  return h.nthMessage(userId, before + 1, `the answer to ${text}`);
};
const press = async (userId: number, message: SandboxMessage): Promise<SandboxMessage> => {
  const before = h.botMessages(userId).length;
  const data = message.replyMarkup?.inline_keyboard.flat()[0]?.callback_data;
  await deliver(control().pressButton({ userId, messageId: message.messageId, data: data! }).update);
  return h.nthMessage(userId, before + 1, 'the answer to a button');
};
const lastText = (userId: number) => h.botMessages(userId).at(-1)?.text;
const types = async (streamId: string) => (await h.eventStore.readStream(streamId)).map((event) => event.type);
const readModelRow = async (channelId: string) =>
  (await h.pool.query<{ owner_id: string; payouts_held_reason: string | null }>('SELECT owner_id, payouts_held_reason FROM read_model.channels WHERE channel_id = $1', [channelId])).rows[0];

/** A channel created by `creator`, with `admin` promoted to administrator; the bot is an admin with every right (update not delivered). */
const channelWithAdmin = (title: string) => {
  const creator = control().createUser({ firstName: 'Cora', startedBot: true });
  const admin = control().createUser({ firstName: 'Adam', startedBot: true });
  const chat = control().createChannel({ ownerId: creator.id, title });
  control().promoteUser({ chatId: chat.id, userId: admin.id, rights: { can_invite_users: true, can_restrict_members: true, can_manage_chat: true } });
  const botAdded = control().promoteBot({ chatId: chat.id });
  return { creator, admin, chat, botAdded: botAdded!, channelId: channelCodeForChat(String(chat.id)) };
};

/** Registered to the administrator by an operator (as before the creator rule). */
const legacyChannel = async (title: string) => {
  const world = channelWithAdmin(title);
  await createChannelCommands({ eventStore: h.eventStore, clock }).registerChannel({
    channelId: world.channelId,
    chatId: String(world.chat.id),
    ownerId: String(world.admin.id),
    title,
  });
  await waitFor(`${title} in the read model`, async () => (await readModelRow(world.channelId))?.owner_id === String(world.admin.id));
  return world;
};

describe('the chat creator is the owner of record', () => {
  it('an administrator who adds the bot is told only the creator can register; the creator registers with /claim', async () => {
    const { creator, admin, botAdded, channelId } = channelWithAdmin('Admins only');
    const fromAdmin = { ...botAdded, my_chat_member: { ...(botAdded as { my_chat_member: object }).my_chat_member, from: { id: admin.id, is_bot: false, first_name: 'Adam' } } };
    await deliver(fromAdmin as TgUpdate);
    const told = await h.nthMessage(admin.id, 1);
    expect(told.text).toContain('Only the creator of "Admins only" can register it');
    expect(told.text).toContain(`/claim ${channelId}`);
    expect(await types(channelStreamId(channelId))).toEqual([]);

    expect((await say(admin.id, `/claim ${channelId}`)).text).toContain('Only the creator of "Admins only"');
    expect((await say(creator.id, `/claim ${channelId}`)).text).toContain('"Admins only" is registered. You are its owner');
    const [registered] = await h.eventStore.readStream(channelStreamId(channelId));
    expect(registered?.data).toMatchObject({ ownerId: String(creator.id) });
    expect((await say(creator.id, '/claim c1')).text).toContain('I cannot register "c1"');
  });

  it('the creator claims a channel registered to an administrator; the previous owner is told; the read model and payouts follow', async () => {
    const { creator, admin, channelId } = await legacyChannel('Legacy');
    expect((await say(admin.id, `/wallet ${OLD} polygon USDTMATIC`)).text).toBe(`Payouts for "Legacy" go to ${OLD} on polygon, in USDTMATIC.`);
    const stranger = control().createUser({ firstName: 'Sam', startedBot: true });
    expect((await say(stranger.id, `/claim ${channelId}`)).text).toContain('Only the creator of "Legacy"');

    const claimed = await say(creator.id, `/claim ${channelId}`);
    expect(claimed.text).toContain('You now manage "Legacy" in PayGate');
    await waitFor('the previous owner told', () => lastText(admin.id)?.includes('The creator of "Legacy" has taken it over'));
    const claimEvent = (await h.eventStore.readStream(channelStreamId(channelId))).find((event) => event.type === 'ChannelOwnershipClaimed');
    expect(claimEvent?.data).toMatchObject({ channelId, previousOwnerId: String(admin.id), ownerId: String(creator.id) });
    await waitFor('the read model follows the claim', async () => (await readModelRow(channelId))?.owner_id === String(creator.id));
    expect((await say(creator.id, `/claim ${channelId}`)).text).toContain('already registered to you');

    // The previous owner's wallet is never paid for the new owner; theirs is a change, held.
    expect(await payout.payoutSettingsFor(channelId)).toMatchObject({ ownerId: String(creator.id), blockedBy: 'wallet_of_previous_owner', wallet: { address: OLD } });
    expect((await say(admin.id, `/wallet ${channelId} ${NEW} polygon USDTMATIC`)).text).toContain('managed by the administrator who registered it');
    expect((await say(creator.id, `/wallet ${NEW} polygon USDTMATIC`)).text).toContain('Payout wallet change requested for "Legacy"');
    clock.advance(48 * HOUR);
    expect(await payout.payoutSettingsFor(channelId)).toMatchObject({ blockedBy: null, wallet: { address: NEW, ownerId: String(creator.id) } });
  });

  it('the creator adding the bot again claims the channel too', async () => {
    const { creator, admin, botAdded, channelId } = await legacyChannel('Re-added');
    await deliver(botAdded);
    expect((await h.nthMessage(creator.id, 1)).text).toContain('You now manage "Re-added"');
    await waitFor('the previous owner told', () => lastText(admin.id)?.includes('has taken it over'));
    expect(await types(channelStreamId(channelId))).toEqual(['ChannelRegistered', 'ChannelOwnershipClaimed']);
  });

  it('an owner who loses admin rights has payouts held until they are an administrator again', async () => {
    const { admin, chat, channelId } = await legacyChannel('Held');
    expect(h.paygate.allowedUpdates).toContain('chat_member');
    await deliver(control().leaveChat({ userId: admin.id, chatId: chat.id }));
    expect((await h.nthMessage(admin.id, 1)).text).toContain('You are no longer an administrator of "Held", so its payouts are held');
    const held = (await h.eventStore.readStream(channelStreamId(channelId))).at(-1);
    expect(held).toMatchObject({ type: 'ChannelPayoutsHeld', data: { ownerId: String(admin.id), reason: 'owner_not_admin', ownerStatus: 'left' } });
    await waitFor('the read model shows the hold', async () => (await readModelRow(channelId))?.payouts_held_reason === 'owner_not_admin');
    expect((await payout.payoutSettingsFor(channelId)).blockedBy).toBe('payouts_held');
    expect((await createBotQueries({ eventStore: h.eventStore, pool: h.pool }).channel(channelId))?.payoutsHeld).toBe(true);

    await deliver(control().promoteUser({ chatId: chat.id, userId: admin.id }));
    expect((await h.nthMessage(admin.id, 2)).text).toContain('administrator of "Held" again: its payouts are resumed');
    expect(await types(channelStreamId(channelId))).toEqual(['ChannelRegistered', 'ChannelPayoutsHeld', 'ChannelPayoutsResumed']);
    await waitFor('the read model shows the resumption', async () => (await readModelRow(channelId))?.payouts_held_reason === null);
  });
});

describe('payout wallet changes through the bot', () => {
  it('a change is pending with a cancel button; cancelling is idempotent; a stale button is too late or replaced', async () => {
    const { creator, botAdded, channelId } = channelWithAdmin('Wallets');
    await deliver(botAdded);
    await h.nthMessage(creator.id, 1);
    // The bot answers /wallet from the channels read model, which follows the registration shortly after.
    await waitFor('Wallets in the read model', async () => (await readModelRow(channelId))?.owner_id === String(creator.id));
    const owner = creator.id;
    clock.set('2026-03-01T00:00:00.000Z');
    expect((await say(owner, `/wallet ${OLD} polygon USDTMATIC`)).text).toBe(`Payouts for "Wallets" go to ${OLD} on polygon, in USDTMATIC.`);

    clock.advance(HOUR);
    const first = await say(owner, `/wallet ${NEW} polygon USDTMATIC`);
    expect(first.text).toContain(`Payout wallet change requested for "Wallets": ${NEW} on polygon, in USDTMATIC.`);
    expect(first.text).toContain('It takes effect on 2026-03-03 01:00 UTC (in 2 days)');
    expect(first.replyMarkup?.inline_keyboard.flat()[0]).toMatchObject({ text: 'Cancel this change', callback_data: `wc:${channelId}:1` });
    expect(await payout.payoutSettingsFor(channelId)).toMatchObject({ wallet: { address: OLD }, pendingChange: { changeNumber: 1, wallet: { address: NEW } } });
    expect((await say(owner, '/wallet')).text).toContain(`Change waiting: ${NEW}`);

    expect((await press(owner, first)).text).toContain('The pending change of the payout wallet of "Wallets" is cancelled');
    expect((await press(owner, first)).text).toContain('was already cancelled');
    clock.advance(100 * HOUR);
    expect(await payout.payoutSettingsFor(channelId)).toMatchObject({ wallet: { address: OLD }, pendingChange: null });

    const second = await say(owner, `/wallet ${NEW} polygon USDTMATIC`);
    clock.advance(48 * HOUR);
    expect((await press(owner, second)).text).toContain('Too late');
    expect((await payout.payoutSettingsFor(channelId)).wallet?.address).toBe(NEW);

    const third = await say(owner, `/wallet ${OTHER} polygon USDTMATIC`);
    await say(owner, `/wallet ${OLD} polygon USDTMATIC`);
    expect((await press(owner, third)).text).toContain('was replaced by a newer request');
    expect((await say(owner, '/wallet cancel')).text).toContain('is cancelled');
    expect((await say(owner, '/wallet cancel')).text).toContain('has no wallet change waiting');
    clock.advance(100 * HOUR);
    expect((await payout.payoutSettingsFor(channelId)).wallet?.address).toBe(NEW);

    expect(await types(payoutSettingsStreamId(channelId))).toEqual([
      'PayoutWalletSet',
      'PayoutWalletChangeRequested',
      'PayoutWalletChangeCancelled',
      'PayoutWalletChangeRequested',
      'PayoutWalletChangeRequested',
      'PayoutWalletChangeCancelled',
      'PayoutWalletChangeRequested',
      'PayoutWalletChangeCancelled',
    ]);
  }, 30_000);
});

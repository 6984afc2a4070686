// Test helper (not product code): what the dashboard's browser test looks at, made the way a
// sandbox user makes it. The demo owner creates a channel in the Telegram simulator and adds the
// bot (which registers it to her), prices a tier and sets a wallet (CLI); two subscribers pay, get
// their invite links (so their subscriptions are active) and her shares leave in payouts on the
// local chain. Another owner's channel exists too, and must never show.
import { waitFor } from '@paygate/testkit';
import { TELEGRAM_SANDBOX_PATH } from '../../config/index.ts';
import { walletArgs } from '../../payouts/test-support/payout-cli.ts';
import type { PayoutHarness } from '../../payouts/test-support/payout-harness.ts';
import { ownerWallet } from '../../payouts/test-support/payout-world.ts';

export type DashboardSeed = { channelId: string; title: string; subscriberIds: string[]; foreignChannelId: string };

export const FOREIGN_OWNER = '5000000077';

export const seedDashboard = async (bench: PayoutHarness, origin: string, owner: string): Promise<DashboardSeed> => {
  const call = async <T>(method: 'GET' | 'POST' | 'PUT', url: string, init: { body?: unknown; auth?: boolean } = {}): Promise<T> => {
    const response = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', ...(init.auth ? { authorization: `Bearer ${bench.env.PAYGATE_OPERATOR_KEY}` } : {}) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const telegram = <T>(method: 'POST' | 'PUT', path: string, body: unknown = {}) => call<T>(method, `${origin}${TELEGRAM_SANDBOX_PATH}/sandbox${path}`, { body });
  const asOperator = <T>(path: string) => call<T>('GET', `${origin}${path}`, { auth: true });

  const title = 'Alpha signals';
  const olga = await telegram<{ id: number }>('POST', '/users', { firstName: 'Olga', startedBot: true });
  if (String(olga.id) !== owner) throw new Error(`the sandbox's first user is ${olga.id}, not the demo owner ${owner}`);
  const subscribers = await Promise.all(['Sam', 'Ann'].map((firstName) => telegram<{ id: number }>('POST', '/users', { firstName, startedBot: true })));
  const chat = await telegram<{ id: number }>('POST', '/chats', { ownerId: olga.id, title });
  const foreignChannelId = 'ch_foreign';
  const [, registered] = await Promise.all([
    bench.cli('channel', 'register', '--chat-id=-1001000000092', '--owner', FOREIGN_OWNER, '--title', "Someone else's channel", '--channel-id', foreignChannelId),
    (async () => {
      await telegram('PUT', `/chats/${chat.id}/bot`);
      return waitFor(`the bot registers chat ${chat.id}`, async () => {
        const { items } = await asOperator<{ items: { id: string; chatId: string }[] }>('/api/v1/channels?limit=100');
        return items.find((item) => item.chatId === String(chat.id));
      }, { timeoutMs: 20_000, intervalMs: 200 });
    })(),
  ]);
  const channelId = registered.id;
  await Promise.all([
    bench.cli('tier', 'set', '--channel', channelId, '--name', 'Monthly', '--price-usd', '12.50', '--days', '30'),
    bench.cli('payout-settings', 'set', '--channel', channelId, ...walletArgs('direct', ownerWallet(0))),
  ]);
  const subscriberIds = subscribers.map((user) => String(user.id));
  for (const subscriberId of subscriberIds) await bench.pay(channelId, subscriberId);
  await bench.sentPayouts(channelId, subscriberIds.length);
  await waitFor('both subscriptions active', async () => {
    const revenue = await asOperator<{ activeSubscribers: number }>(`/api/v1/revenue?channel=${channelId}`);
    return revenue.activeSubscribers === subscriberIds.length;
  }, { timeoutMs: 20_000, intervalMs: 200 });
  return { channelId, title, subscriberIds, foreignChannelId };
};

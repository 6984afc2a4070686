import { TRAFFIC_CHAT_ID } from '../../infra/src/faults/ipn-traffic.ts';

/**
 * Makes the seeded channel's chat exist in the server's Telegram sandbox, with the bot as its
 * administrator, so every PaymentReceived gets its invite link as in production instead of
 * failing and being retried until it is dead-lettered (the subscribers are not Telegram users
 * there, so each invite DM ends as "blocked", recorded once). Idempotent across set-ups.
 */
export const makeTrafficChannelReachable = async (webhookUrl: string): Promise<void> => {
  const control = `${new URL(webhookUrl).origin}/sandbox/telegram/sandbox`;
  const post = async (path: string, body: unknown, method = 'POST') => {
    const response = await fetch(`${control}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok && response.status !== 409) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<{ id?: number }>;
  };
  const owner = await post('/users', { firstName: 'Traffic owner', startedBot: true });
  await post('/chats', { ownerId: owner.id, title: 'Traffic channel', id: Number(TRAFFIC_CHAT_ID) });
  await post(`/chats/${TRAFFIC_CHAT_ID}/bot`, {}, 'PUT');
};

import type { AccessCommands } from '@paygate/commands';
import type { ChannelCommands } from '@paygate/commands';
import { money } from '@paygate/domain';
import { createTelegramClient, createTelegramSandbox, type TelegramClient, type TelegramSandbox, type TgUpdate } from '@paygate/gateways';

export const BOT_TOKEN = '7000000001:lifecycle-test-token';

export type TelegramWorld = {
  sandbox: TelegramSandbox;
  client: TelegramClient;
  url: string;
  ownerId: number;
  chatId: number;
  channelId: string;
  /** A sandbox user who has started the bot (so it may DM them). */
  newUser(firstName: string): number;
  /** What the bot sent to a user's private chat, as text. */
  dms(userId: number): string[];
  close(): Promise<void>;
};

/**
 * The Telegram simulator over HTTP with an owner, a paid channel where the bot is an admin,
 * and the channel registered in PayGate with a 12.50 USD monthly tier.
 */
export const startTelegramWorld = async (options: { clock: () => Date; channels: ChannelCommands; channelId: string }): Promise<TelegramWorld> => {
  const sandbox = createTelegramSandbox({ token: BOT_TOKEN, botUsername: 'paygate_test_bot', clock: options.clock });
  const server = await sandbox.listen(0);
  // No client-side pacing: a simulated 429 must reach the code under test as rate_limited.
  const client = createTelegramClient({ apiRoot: server.url, token: BOT_TOKEN, rateLimit: false, timeoutMs: 5_000 });
  const owner = sandbox.control.createUser({ firstName: 'Olga', startedBot: true });
  const chat = sandbox.control.createChannel({ ownerId: owner.id, title: 'Alpha signals' });
  sandbox.control.promoteBot({ chatId: chat.id });
  await options.channels.registerChannel({ channelId: options.channelId, chatId: String(chat.id), ownerId: String(owner.id), title: 'Alpha signals' });
  await options.channels.priceTier({ channelId: options.channelId, tierId: 'monthly', name: 'Monthly', price: money(1250n, 'USD'), durationDays: 30 });
  return {
    sandbox,
    client,
    url: server.url,
    ownerId: owner.id,
    chatId: chat.id,
    channelId: options.channelId,
    newUser: (firstName) => sandbox.control.createUser({ firstName, startedBot: true }).id,
    dms: (userId) => sandbox.control.botMessages(userId).map((message) => message.text ?? ''),
    close: () => server.close(),
  };
};

/**
 * What the bot does with the updates the lifecycle cares about: join requests and joins go to
 * the access commands (channel looked up by chat id, as the bot does through the channels read model).
 */
export const routeUpdate = async (access: AccessCommands, world: Pick<TelegramWorld, 'chatId' | 'channelId' | 'sandbox'>, update: TgUpdate | undefined) => {
  if (!update) return undefined;
  if ('chat_join_request' in update) {
    const request = update.chat_join_request;
    if (request.chat.id !== world.chatId || !request.invite_link) return undefined;
    return access.handleJoinRequest({
      channelId: world.channelId,
      userId: String(request.from.id),
      inviteLink: request.invite_link.invite_link,
      ...(request.invite_link.name === undefined ? {} : { linkName: request.invite_link.name }),
    });
  }
  if ('chat_member' in update) {
    const change = update.chat_member;
    const joined = ['member', 'restricted'].includes(change.new_chat_member.status) && ['left', 'kicked'].includes(change.old_chat_member.status);
    if (change.chat.id !== world.chatId || !joined) return undefined;
    return access.handleMemberJoined({
      channelId: world.channelId,
      userId: String(change.new_chat_member.user.id),
      createdByBot: change.invite_link?.creator.id === world.sandbox.botId,
      ...(change.invite_link ? { inviteLink: change.invite_link.invite_link } : {}),
    });
  }
  return undefined;
};

/** Routes every update the bot has not confirmed yet, then confirms them (as getUpdates with an offset would). */
export const drainUpdates = async (access: AccessCommands, world: TelegramWorld) => {
  const results: unknown[] = [];
  for (;;) {
    const updates = (await world.client.call('getUpdates', { timeout: 0, allowed_updates: ['chat_member', 'chat_join_request', 'message'] })) as TgUpdate[];
    if (updates.length === 0) return results;
    for (const update of updates) {
      const result = await routeUpdate(access, world, update);
      if (result !== undefined) results.push(result);
    }
    await world.client.call('getUpdates', { offset: updates.at(-1)!.update_id + 1, timeout: 0 });
  }
};

import { broadcastChannelFromStream, createBroadcastCommands, startBroadcastScheduler, type BroadcastCommands, type BroadcastScheduler } from '@paygate/commands';
import type { BroadcastPort } from '@paygate/bot';
import type { EventStore } from '@paygate/domain';
import { channelLinkedTo, dueBroadcasts, findBroadcast, listBroadcasts, publicChannelOf, subscriberAudience, DEFAULT_READ_MODEL_SCHEMA, type AnyKysely } from '@paygate/projections';
import type { Logger } from '../logging/index.ts';
import { createTelegramClient } from '@paygate/gateways';
import { SANDBOX_TELEGRAM_BOT_USERNAME, type TelegramSetup } from '../bot/telegram-setup.ts';
import type { PrioritizedTelegramGateway } from './telegram-gateway.ts';

/**
 * The bot's blocked-chats table (infra/src/bot/bot-tables.ts): a subscriber who blocked the bot
 * gets no broadcast. Unqualified, like the bot's own queries on the same app pool: it is found
 * on that pool's search_path wherever the owner's migration put it (public, or a role's schema).
 */
export const BLOCKED_CHATS_TABLE = 'paygate_bot_blocked_chats';

export type BroadcastSetup = {
  commands: BroadcastCommands;
  /** What the bot's /broadcast, /linkpublic and opt-out buttons call. */
  port: BroadcastPort;
  /** Starts the scheduler; the workers role runs it under a leader lock, in one process at a time. */
  start(): { stop(): Promise<void> };
};

export type BroadcastSetupDeps = {
  eventStore: EventStore;
  readModels: AnyKysely;
  telegram: PrioritizedTelegramGateway;
  clock: () => Date;
  logger: Logger;
  sendNowCooldownSeconds: number;
  intervalMs: number;
  /** The bot's @username for the tier buttons' deep links: known in sandbox mode, asked of Telegram (getMe) in live mode. */
  botUsername: () => Promise<string>;
  blockedChats: { blocked(input: { chatId: string; reason: string; at: string }): Promise<void> };
  /** Makes the bot's tables (the audience query leaves out chats that blocked the bot). */
  prepare: () => Promise<void>;
};

/**
 * Broadcasts wired from their parts: owner commands over the event store, the bot's queries over
 * the broadcasts read model, and the scheduler that sends due occurrences through the process's
 * shared Telegram queue at the lowest priority (invites and access messages always go first).
 */
export const createBroadcastSetup = (deps: BroadcastSetupDeps): BroadcastSetup => {
  const { eventStore, readModels: db, clock } = deps;
  const schema = DEFAULT_READ_MODEL_SCHEMA;
  const logger = deps.logger.child({ component: 'broadcasts' });
  const commands = createBroadcastCommands({ eventStore, clock, sendNowCooldownSeconds: deps.sendNowCooldownSeconds });
  const port: BroadcastPort = {
    linkPublicChannel: (input) => commands.linkPublicChannel(input),
    unlinkPublicChannel: (input) => commands.unlinkPublicChannel(input),
    publicChannelOf: (channelId) => publicChannelOf(db, schema, channelId),
    channelLinkedTo: (publicChatId) => channelLinkedTo(db, schema, publicChatId),
    draftBroadcast: (input) => commands.draftBroadcast(input),
    scheduleBroadcast: (input) => commands.scheduleBroadcast(input),
    cancelBroadcast: (input) => commands.cancelBroadcast(input),
    broadcast: (channelId, broadcastId) => findBroadcast(db, schema, channelId, broadcastId),
    broadcastsOf: (channelId) => listBroadcasts(db, schema, channelId),
    setBroadcastOptOut: (input) => commands.setBroadcastOptOut(input),
  };

  const start = () => {
    let scheduler: BroadcastScheduler | undefined;
    const stopping = new AbortController();
    // Until the bot's tables and username are known nothing can be sent; keep trying while leading.
    const starting = (async () => {
      while (!stopping.signal.aborted) {
        try {
          await deps.prepare();
          const botUsername = await deps.botUsername();
          if (stopping.signal.aborted) return;
          scheduler = startBroadcastScheduler({
            eventStore,
            telegram: deps.telegram,
            clock,
            botUsername,
            commands,
            loadChannel: broadcastChannelFromStream(eventStore),
            recipients: { activeSubscribers: (channelId) => subscriberAudience(db, schema, channelId, { blockedChats: BLOCKED_CHATS_TABLE }) },
            due: { due: (now, limit) => dueBroadcasts(db, schema, now, limit) },
            blockedChats: deps.blockedChats,
            intervalMs: deps.intervalMs,
            logger,
          });
          return;
        } catch (error) {
          logger.error({ err: error }, 'broadcasts cannot start yet (bot tables or the bot username via getMe); retrying in 30 s');
          await new Promise((resolve) => {
            const timer = setTimeout(resolve, 30_000);
            stopping.signal.addEventListener('abort', () => (clearTimeout(timer), resolve(undefined)), { once: true });
          });
        }
      }
    })();
    return {
      stop: async () => {
        stopping.abort();
        await starting;
        await scheduler?.stop();
      },
    };
  };
  return { commands, port, start };
};

/** The bot's @username: the simulator's in sandbox mode; in live mode Telegram's answer to getMe. */
export const botUsernameOf = async (telegram: Pick<TelegramSetup, 'mode' | 'apiRoot' | 'token'>): Promise<string> => {
  if (telegram.mode === 'sandbox') return SANDBOX_TELEGRAM_BOT_USERNAME;
  const me = (await createTelegramClient({ apiRoot: telegram.apiRoot(), token: telegram.token }).call('getMe')) as { username?: unknown };
  if (typeof me.username !== 'string' || me.username === '') throw new Error('getMe returned no username');
  return me.username;
};

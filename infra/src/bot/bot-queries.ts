import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { BotChannel, BotQueries, BotSubscription } from '@paygate/bot';
import { loadChannel } from '@paygate/commands';
import type { EventStore } from '@paygate/domain';
import { DEFAULT_READ_MODEL_SCHEMA, listChatChannelIds, listOwnerChannelIds, type AnyKysely } from '@paygate/projections';
import { pgErrorCode, pgToPayGateError } from '../postgres/index.ts';

export type BotQueriesDeps = {
  eventStore: EventStore;
  /** Read-model PostgreSQL. */
  pool: pg.Pool;
  schema?: string;
  /** A subscriber's subscriptions from the subscriptions read model; absent until that model is wired. */
  subscriptionsOf?: (subscriberId: string) => Promise<readonly { channelId: string; tierId: string; status: 'active' | 'expired'; endsAt: string }[]>;
};

/**
 * The reads the bot needs. A channel itself is folded from its stream, so what an owner just
 * changed shows at once; the lists (an owner's channels, a chat's channel, a user's
 * subscriptions) come from the read models, which may lag a moment behind.
 */
export const createBotQueries = (deps: BotQueriesDeps): BotQueries => {
  const { eventStore } = deps;
  const schema = deps.schema ?? DEFAULT_READ_MODEL_SCHEMA;
  // The read-model queries are projections'; this Kysely only borrows the pool (never destroyed here).
  const db: AnyKysely = new Kysely({ dialect: new PostgresDialect({ pool: deps.pool }) });

  const channel = async (channelId: string): Promise<BotChannel | undefined> => {
    const state = await loadChannel(eventStore, channelId);
    if (state.status !== 'registered') return undefined;
    const { chatId, ownerId, title } = state;
    const tiers = [...state.tiers.values()].map((tier) => ({ ...tier }));
    return { channelId: state.channelId, chatId, ownerId, title, tiers, payoutsHeld: state.payoutsHeld !== null };
  };

  const channelIds = async (what: string, query: () => Promise<string[]>): Promise<string[]> => {
    try {
      return await query();
    } catch (error) {
      // No projector has created the read model yet: nothing is listed there.
      if (pgErrorCode(error) === '42P01') return [];
      throw pgToPayGateError(error, what);
    }
  };

  const loadAll = async (ids: readonly string[]) => (await Promise.all(ids.map(channel))).filter((found): found is BotChannel => found !== undefined);

  const subscriptionsOf = deps.subscriptionsOf;
  return {
    channel,
    channelsOwnedBy: async (ownerId) =>
      (await loadAll(await channelIds("listing an owner's channels", () => listOwnerChannelIds(db, schema, ownerId)))).filter((found) => found.ownerId === ownerId),
    channelByChat: async (chatId) =>
      (await loadAll(await channelIds("finding a chat's channel", () => listChatChannelIds(db, schema, chatId)))).find((found) => found.chatId === chatId),
    ...(subscriptionsOf
      ? {
          subscriptionsOf: async (subscriberId: string): Promise<BotSubscription[]> => {
            const rows = await subscriptionsOf(subscriberId);
            const known = new Map((await loadAll([...new Set(rows.map((row) => row.channelId))])).map((found) => [found.channelId, found]));
            return rows.map((row) => {
              const found = known.get(row.channelId);
              const tierName = found?.tiers.find((tier) => tier.tierId === row.tierId)?.name;
              return {
                channelId: row.channelId,
                channelTitle: found?.title ?? row.channelId,
                tierId: row.tierId,
                ...(tierName === undefined ? {} : { tierName }),
                endsAt: row.endsAt,
                active: row.status === 'active',
              };
            });
          },
        }
      : {}),
  };
};

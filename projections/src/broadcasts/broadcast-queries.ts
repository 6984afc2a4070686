import { sql, type Selectable } from 'kysely';
import { PayGateError, type BroadcastSchedule } from '@paygate/domain';
import { optionalIsoTime } from '../read-models/columns.ts';
import { scopedTo } from '../read-models/scoped-db.ts';
import { quoteIdent } from '../read-models/sql-names.ts';
import type { AnyKysely } from '../runner/index.ts';
import type { SubscriptionsDb } from '../subscriptions/subscriptions-tables.ts';
import type { BroadcastSchedulesTable, BroadcastsDb } from './broadcasts-tables.ts';

/** A broadcast as the owner sees it in the bot (BroadcastPort's BotBroadcast) plus its last occurrence's counts. */
export type BroadcastView = {
  broadcastId: string;
  channelId: string;
  audience: BroadcastSchedulesTable['audience'];
  html: string;
  photo?: string;
  tierButtons: boolean;
  status: BroadcastSchedulesTable['status'];
  schedule?: BroadcastSchedule;
  nextAt?: string;
  running?: string;
  occurrences: number;
  last: { sent: number; failed: number; blocked: number };
};

const viewOf = (row: Selectable<BroadcastSchedulesTable>): BroadcastView => {
  const nextAt = optionalIsoTime(row.next_at);
  const running = optionalIsoTime(row.running_occurrence);
  return {
    broadcastId: row.broadcast_id,
    channelId: row.channel_id,
    audience: row.audience,
    html: row.html,
    ...(row.photo === null ? {} : { photo: row.photo }),
    tierButtons: row.tier_buttons,
    status: row.status,
    ...(row.schedule === null ? {} : { schedule: JSON.parse(row.schedule) as BroadcastSchedule }),
    ...(nextAt === null || row.status !== 'scheduled' ? {} : { nextAt }),
    ...(running === null ? {} : { running }),
    occurrences: row.occurrences,
    last: { sent: row.last_sent, failed: row.last_failed, blocked: row.last_blocked },
  };
};

const schedules = (db: AnyKysely, schema: string) => scopedTo<BroadcastsDb>(db, schema).selectFrom('broadcast_schedules').selectAll();

export const findBroadcast = async (db: AnyKysely, schema: string, channelId: string, broadcastId: string): Promise<BroadcastView | undefined> => {
  const row = await schedules(db, schema).where('channel_id', '=', channelId).where('broadcast_id', '=', broadcastId).executeTakeFirst();
  return row && viewOf(row);
};

/** A channel's broadcasts, most recently changed first (at most `limit`, default 50). */
export const listBroadcasts = async (db: AnyKysely, schema: string, channelId: string, limit = 50): Promise<BroadcastView[]> => {
  const rows = await schedules(db, schema)
    .where('channel_id', '=', channelId)
    .orderBy('updated_commit', 'desc')
    .orderBy('updated_prepare', 'desc')
    .limit(limit)
    .execute();
  return rows.map(viewOf);
};

/**
 * The scheduler's DueBroadcasts: occurrences still running (to resume), then scheduled broadcasts
 * whose next occurrence is at or before `now`, oldest first.
 */
export const dueBroadcasts = async (
  db: AnyKysely,
  schema: string,
  now: Date,
  limit: number,
): Promise<{ channelId: string; broadcastId: string; nextAt?: string; running?: string }[]> => {
  const scoped = scopedTo<BroadcastsDb>(db, schema);
  const running = await scoped
    .selectFrom('broadcast_schedules')
    .select(['channel_id', 'broadcast_id', 'running_occurrence'])
    .where('running_occurrence', 'is not', null)
    .orderBy('running_occurrence')
    .limit(limit)
    .execute();
  const due = await scoped
    .selectFrom('broadcast_schedules')
    .select(['channel_id', 'broadcast_id', 'next_at'])
    .where('status', '=', 'scheduled')
    .where('running_occurrence', 'is', null)
    .where('next_at', '<=', now)
    .orderBy('next_at')
    .limit(Math.max(0, limit - running.length))
    .execute();
  return [
    ...running.map((row) => ({ channelId: row.channel_id, broadcastId: row.broadcast_id, running: optionalIsoTime(row.running_occurrence)! })),
    ...due.map((row) => ({ channelId: row.channel_id, broadcastId: row.broadcast_id, nextAt: optionalIsoTime(row.next_at)! })),
  ];
};

export const publicChannelOf = async (db: AnyKysely, schema: string, channelId: string): Promise<{ chatId: string; title: string; username?: string } | undefined> => {
  const row = await scopedTo<BroadcastsDb>(db, schema).selectFrom('broadcast_public_channels').selectAll().where('channel_id', '=', channelId).executeTakeFirst();
  return row && { chatId: row.public_chat_id, title: row.title, ...(row.username === null ? {} : { username: row.username }) };
};

/** The paid channel a public chat is linked to. */
export const channelLinkedTo = async (db: AnyKysely, schema: string, publicChatId: string): Promise<string | undefined> => {
  const row = await scopedTo<BroadcastsDb>(db, schema)
    .selectFrom('broadcast_public_channels')
    .select('channel_id')
    .where('public_chat_id', '=', publicChatId)
    .orderBy('channel_id')
    .executeTakeFirst();
  return row?.channel_id;
};

const QUALIFIED = /^[A-Za-z_][A-Za-z0-9_]{0,62}(\.[A-Za-z_][A-Za-z0-9_]{0,62})?$/;

/**
 * The subscriber audience of a channel: subscribers with an active subscription (the
 * subscriptions read model, same schema) who did not opt out — and, when `blockedChats` names the
 * bot's blocked-chats table (`schema.table` with a `chat_id` column, infra's
 * paygate_bot_blocked_chats), who did not block the bot. Ordered by subscriber id.
 */
export const subscriberAudience = async (db: AnyKysely, schema: string, channelId: string, options: { blockedChats?: string } = {}): Promise<string[]> => {
  const blocked = options.blockedChats;
  if (blocked !== undefined && !QUALIFIED.test(blocked)) throw new PayGateError('validation', 'blockedChats is a [schema.]table name');
  let query = scopedTo<SubscriptionsDb & BroadcastsDb>(db, schema)
    .selectFrom('subscriptions as s')
    .select('s.subscriber_id')
    .where('s.channel_id', '=', channelId)
    .where('s.status', '=', 'active')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('broadcast_opt_outs as o').select('o.subscriber_id').whereRef('o.channel_id', '=', 's.channel_id').whereRef('o.subscriber_id', '=', 's.subscriber_id'))),
    );
  if (blocked !== undefined) {
    const table = sql.raw(blocked.split('.').map(quoteIdent).join('.'));
    query = query.where(sql<boolean>`NOT EXISTS (SELECT 1 FROM ${table} b WHERE b.chat_id = s.subscriber_id)`);
  }
  const rows = await query.orderBy('s.subscriber_id').execute();
  return rows.map((row) => row.subscriber_id);
};

import type pg from 'pg';
import { migrate, type AppGrant, type Migration } from '../postgres/index.ts';

/**
 * The bot's own small tables, beside the event store: which Telegram updates were handled (so a
 * redelivered or re-polled update is not handled twice, across restarts and processes) and which
 * chats refused the bot (403), and the answers it waits for (pending inputs). None is a business
 * fact, so none is an event.
 */
export const BOT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'telegram update ledger and blocked chats',
    sql: `
      CREATE TABLE paygate_bot_updates (
        bot_id     bigint      NOT NULL,
        update_id  bigint      NOT NULL,
        status     text        NOT NULL CHECK (status IN ('claimed', 'done')),
        claimed_at timestamptz NOT NULL,
        done_at    timestamptz,
        PRIMARY KEY (bot_id, update_id)
      );
      CREATE INDEX paygate_bot_updates_done_idx ON paygate_bot_updates (done_at) WHERE status = 'done';
      CREATE TABLE paygate_bot_blocked_chats (
        chat_id    text        PRIMARY KEY,
        reason     text        NOT NULL,
        blocked_at timestamptz NOT NULL
      );`,
  },
  {
    version: 2,
    name: 'pending inputs',
    // The question the bot asked a user (one at a time) and until when it waits for the answer.
    sql: `
      CREATE TABLE paygate_bot_pending_inputs (
        user_id    text        PRIMARY KEY,
        kind       text        NOT NULL,
        data       jsonb       NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX paygate_bot_pending_inputs_expiry_idx ON paygate_bot_pending_inputs (expires_at);`,
  },
];

export const migrateBotTables = (pool: pg.Pool) => migrate(pool, 'bot', BOT_MIGRATIONS);

/** The app role claims, completes and releases updates and records blocked chats: plain DML. */
export const botAppGrants: readonly AppGrant[] = [
  { kind: 'table', name: 'paygate_bot_updates', privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] },
  { kind: 'table', name: 'paygate_bot_blocked_chats', privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] },
  { kind: 'table', name: 'paygate_bot_pending_inputs', privileges: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] },
];

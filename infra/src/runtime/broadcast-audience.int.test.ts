import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriberAudience } from '@paygate/projections';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { BLOCKED_CHATS_TABLE } from './broadcast-setup.ts';

let database: TestDatabase;
let pool: pg.Pool;
let db: Kysely<unknown>;

beforeAll(async () => {
  database = await createTestDatabase('paygate_audience');
  // The owner's tables in a schema of its own ahead of public (a role with a "$user" schema).
  pool = new pg.Pool({ connectionString: database.url, options: '-c search_path=paygate_owner,public', max: 2 });
  db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  for (const statement of [
    'CREATE SCHEMA paygate_owner',
    'CREATE SCHEMA paygate_read',
    'CREATE TABLE paygate_owner.paygate_bot_blocked_chats (chat_id text PRIMARY KEY)',
    'CREATE TABLE paygate_read.subscriptions (channel_id text, subscriber_id text, status text)',
    'CREATE TABLE paygate_read.broadcast_opt_outs (channel_id text, subscriber_id text)',
    "INSERT INTO paygate_read.subscriptions VALUES ('ch1', '5001', 'active'), ('ch1', '5002', 'active')",
    "INSERT INTO paygate_owner.paygate_bot_blocked_chats VALUES ('5002')",
  ]) {
    await sql.raw(statement).execute(db);
  }
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

describe('the broadcast audience in the runtime', () => {
  it('leaves out chats that blocked the bot wherever the bot tables are on the search_path (not only in public)', async () => {
    expect(await subscriberAudience(db, 'paygate_read', 'ch1', { blockedChats: BLOCKED_CHATS_TABLE })).toEqual(['5001']);
  });
});

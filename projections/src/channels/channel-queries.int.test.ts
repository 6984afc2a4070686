import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@paygate/domain';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import type { AnyKysely } from '../runner/index.ts';
import { listChatChannelIds, listOwnerChannelIds } from './channel-queries.ts';
import { channelsProjection } from './channels-projection.ts';

// The bot's channel lists, on channels projected from events as the runner would feed them.
const SCHEMA = 'channel_queries_test';
let database: TestDatabase;
let db: AnyKysely;
let position = 0n;

const event = (type: string, data: unknown): RecordedEvent => {
  position += 1n;
  return { id: `e${position}`, type, data, metadata: {}, streamId: 'x', streamRevision: 0n, position: { commit: position, prepare: position }, recordedAt: new Date() };
};
const registered = (channelId: string, chatId: string, ownerId: string, registeredAt: string) =>
  event('ChannelRegistered', { channelId, chatId, ownerId, title: channelId, registeredAt });

beforeAll(async () => {
  database = await createTestDatabase('paygate_channel_queries');
  db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 2 }) }) });
  await sql.raw(`CREATE SCHEMA ${SCHEMA}`).execute(db);
  for (const statement of channelsProjection.ddl(SCHEMA)) await sql.raw(statement).execute(db);
  for (const recorded of [
    registered('ch-b', '-1002', '7', '2026-01-02T00:00:00.000Z'),
    registered('ch-a', '-1001', '7', '2026-01-02T00:00:00.000Z'),
    registered('ch-old', '-1003', '7', '2026-01-01T00:00:00.000Z'),
    registered('ch-other', '-1004', '8', '2026-01-01T00:00:00.000Z'),
    event('ChannelOwnershipClaimed', { channelId: 'ch-other', previousOwnerId: '8', ownerId: '9', claimedAt: '2026-01-03T00:00:00.000Z' }),
  ]) {
    await channelsProjection.apply(db.withSchema(SCHEMA), recorded, SCHEMA);
  }
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

describe('channel id lists', () => {
  it("lists an owner's channels, oldest registration first, ties by id", async () => {
    expect(await listOwnerChannelIds(db, SCHEMA, '7')).toEqual(['ch-old', 'ch-a', 'ch-b']);
  });

  it('follows the owner of record after a claim', async () => {
    expect(await listOwnerChannelIds(db, SCHEMA, '8')).toEqual([]);
    expect(await listOwnerChannelIds(db, SCHEMA, '9')).toEqual(['ch-other']);
  });

  it("finds a chat's channel, and nothing for an unknown chat", async () => {
    expect(await listChatChannelIds(db, SCHEMA, '-1002')).toEqual(['ch-b']);
    expect(await listChatChannelIds(db, SCHEMA, '-1999')).toEqual([]);
  });
});

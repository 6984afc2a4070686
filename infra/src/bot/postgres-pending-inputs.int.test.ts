import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import { createPool } from '../postgres/index.ts';
import { migrateBotTables } from './bot-tables.ts';
import { createPostgresPendingInputs } from './postgres-pending-inputs.ts';

let db: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  db = await createTestDatabase('paygate_bot_pending');
  pool = createPool(db.url, { max: 4 });
  await migrateBotTables(pool);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

const NOW = new Date('2026-03-01T10:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const amount = { kind: 'donation_amount', data: { channelId: 'c1alpha', expiresAt: later(600_000) } };

describe('PostgreSQL pending inputs', () => {
  it('a question survives a restart (a new store on the same database) and is answered once', async () => {
    await createPostgresPendingInputs(pool).set('501', amount, later(600_000));
    const restarted = createPostgresPendingInputs(pool);
    expect(await restarted.take('501', NOW)).toEqual(amount);
    expect(await restarted.take('501', NOW)).toBeUndefined();
  });

  it('one question per user: a new one replaces the last; other users keep theirs', async () => {
    const store = createPostgresPendingInputs(pool);
    await store.set('502', amount, later(600_000));
    await store.set('503', amount, later(600_000));
    const text = { kind: 'broadcast_text', data: { channelId: 'c2' } };
    await store.set('502', text, later(60_000));
    expect(await store.take('502', NOW)).toEqual(text);
    expect(await store.take('503', NOW)).toEqual(amount);
  });

  it('an expired question is not answered and is gone; clear and prune remove questions', async () => {
    const store = createPostgresPendingInputs(pool);
    await store.set('504', amount, later(600_000));
    expect(await store.take('504', new Date(later(600_000)))).toBeUndefined();
    await store.set('504', amount, later(600_000));
    expect(await store.take('504', new Date(later(599_999)))).toEqual(amount);

    await store.set('505', amount, later(600_000));
    await store.clear('505');
    expect(await store.take('505', NOW)).toBeUndefined();

    await store.set('506', amount, later(1_000));
    await store.set('507', amount, later(600_000));
    expect(await store.prune(new Date(later(1_000)))).toBe(1);
    expect(await store.take('506', NOW)).toBeUndefined();
    expect(await store.take('507', NOW)).toEqual(amount);
  });

  it('concurrent takes of one question: exactly one process gets it', async () => {
    await createPostgresPendingInputs(pool).set('508', amount, later(600_000));
    const results = await Promise.all(Array.from({ length: 6 }, () => createPostgresPendingInputs(pool).take('508', NOW)));
    expect(results.filter(Boolean)).toEqual([amount]);
  });
});

import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { channelCodeForChat } from '@paygate/bot';
import { createTestDatabase, waitFor, type TestDatabase } from '@paygate/testkit';
import { cleanEnv, exitWithin, spawnPaygate, type PaygateProcess } from '../cli/test-support/spawn-paygate.ts';

// Issue 8: the Telegram sandbox forgot its world on restart while the bot's update ledger (in
// PostgreSQL) remembered update ids 1…n, so every update after a restart was skipped as a
// duplicate. A demo user restarts `paygate start` between two steps; the next step must work.
const LISTENING = /PayGate listening on (http:\/\/\S+)/;
type Message = { messageId: number; fromId: number; text: string };

let database: TestDatabase;
let dataDir: string;
let env: Record<string, string>;
const started: PaygateProcess[] = [];

const start = async () => {
  const paygate = spawnPaygate(['start'], env);
  started.push(paygate);
  const url = await waitFor(
    'paygate start listening',
    () => {
      if (paygate.child.exitCode !== null) throw new Error(`paygate exited before listening:\n${paygate.stderr()}\n${paygate.stdout().slice(-3000)}`);
      return LISTENING.exec(paygate.stdout())?.[1];
    },
    { timeoutMs: 120_000, intervalMs: 100 },
  );
  return { paygate, url };
};

/** Stops it as Ctrl-C does. */
const stop = async (paygate: PaygateProcess) => {
  paygate.child.kill('SIGINT');
  expect(await exitWithin(paygate.exited, 60_000, 'paygate after SIGINT')).toEqual({ code: 0, signal: null });
};

const sandbox = async <T>(url: string, method: string, path: string, body?: unknown): Promise<T> => {
  const response = await fetch(`${url}/sandbox/telegram/sandbox${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

const query = async (text: string, values: unknown[]) => {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
};

/** The bot's answer in a user's private chat, matching `pattern`. */
const botSays = (url: string, userId: number, pattern: RegExp) =>
  waitFor(
    `the bot says ${pattern}`,
    async () => (await sandbox<Message[]>(url, 'GET', `/chats/${userId}/messages`)).find((m) => m.fromId !== userId && pattern.test(m.text)),
    { timeoutMs: 60_000, intervalMs: 200 },
  );

beforeAll(async () => {
  database = await createTestDatabase('e2e_restart');
  dataDir = await mkdtemp(join(tmpdir(), 'paygate-restart-'));
  env = cleanEnv({ DATABASE_URL: database.url, PAYGATE_DATA_DIR: join(dataDir, 'data'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });
});

afterAll(async () => {
  for (const { child } of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('sandbox mode survives a restart mid-demo', () => {
  it('an owner registers a channel and prices a tier, PayGate restarts on the same data dir and database, and the bot answers the next command', { timeout: 300_000 }, async () => {
    const first = await start();
    const owner = await sandbox<{ id: number }>(first.url, 'POST', '/users', { firstName: 'Olga', startedBot: true });
    const chat = await sandbox<{ id: number }>(first.url, 'POST', '/chats', { ownerId: owner.id, title: 'Alpha signals' });
    await sandbox(first.url, 'PUT', `/chats/${chat.id}/bot`, {});
    await botSays(first.url, owner.id, /"Alpha signals" is registered/);
    // Owner commands find the channel in the read model, projected a moment after registration.
    await waitFor('the channel projected', async () => (await query('SELECT 1 FROM read_model.channels WHERE channel_id = $1', [channelCodeForChat(String(chat.id))])).rowCount === 1);
    await sandbox(first.url, 'POST', `/users/${owner.id}/messages`, { text: '/addtier Monthly 9.99 30' });
    await botSays(first.url, owner.id, /Tier "Monthly" added/);
    await stop(first.paygate);

    const world = join(dataDir, 'data', 'telegram-sandbox.json');
    expect((await stat(world)).mode & 0o777).toBe(0o600);

    const second = await start();
    // The same world: the owner, the channel and the bot's place in it are still there.
    const members = await sandbox<{ userId: number; status: string }[]>(second.url, 'GET', `/chats/${chat.id}/members`);
    expect(members).toEqual(expect.arrayContaining([expect.objectContaining({ userId: owner.id, status: 'creator' }), expect.objectContaining({ status: 'administrator' })]));
    // A new command through `paygate sandbox telegram`, as the README shows, is answered.
    const say = spawnPaygate(['sandbox', 'telegram', 'say', '--user', String(owner.id), '--text', '/addtier Yearly 99 365'], env);
    expect((await exitWithin(say.exited, 60_000, 'paygate sandbox telegram say')).code).toBe(0);
    expect((await botSays(second.url, owner.id, /Tier "Yearly" added/)).text).toContain('99.00 USD for 365 days');
    expect(second.paygate.stdout()).not.toMatch(/"level":(50|60)/);
    await stop(second.paygate);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, waitFor, type TestDatabase } from '@paygate/testkit';
import { cleanEnv, exitWithin, spawnPaygate, type PaygateProcess } from './test-support/spawn-paygate.ts';

// Issue 8: every CLI input a newcomer gets wrong is one line and exit 2; sandbox verbs print text.
describe('paygate commands against a running PayGate: inputs and output', () => {
  let database: TestDatabase;
  let dataDir: string;
  let server: PaygateProcess;
  let env: Record<string, string>;

  const paygate = async (...args: string[]) => {
    const run = spawnPaygate(args, env);
    const { code } = await exitWithin(run.exited, 60_000, `paygate ${args.join(' ')}`);
    return { code, stdout: run.stdout(), stderr: run.stderr() };
  };
  const ok = async (...args: string[]) => {
    const result = await paygate(...args);
    expect(result, `paygate ${args.join(' ')}`).toMatchObject({ code: 0, stderr: '' });
    return result.stdout;
  };

  beforeAll(async () => {
    database = await createTestDatabase('e2e_cli_input');
    dataDir = await mkdtemp(join(tmpdir(), 'paygate-cli-'));
    // error: the test database's superuser would make every command warn that live mode refuses it.
    env = cleanEnv({ DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', PAYGATE_DATA_DIR: dataDir, LOG_LEVEL: 'error' });
    server = spawnPaygate(['start'], env);
    await waitFor('paygate start listening', () => server.stdout().includes('PayGate listening on'), { timeoutMs: 90_000 });
    // A channel and a tier to point at, given the way the README gives them.
    await ok('channel', 'register', '--chat-id', '-1009876543210', '--owner', '4242', '--title', 'Inputs', '--channel-id', 'ch_in');
  }, 120_000);

  afterAll(async () => {
    if (server) {
      server.child.kill('SIGTERM');
      await exitWithin(server.exited, 30_000, 'paygate start').catch(() => server.child.kill('SIGKILL'));
    }
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('accepts a price as the bot does (9,99) and a tier by name as well as by id', async () => {
    expect(await ok('tier', 'set', '--channel', 'ch_in', '--name', 'Monthly', '--price-usd', '9,99', '--days', '30')).toBe('tier monthly of ch_in: 9.99 USD for 30 days\n');
    for (const tier of ['Monthly', 'monthly']) {
      const invoice = JSON.parse(await ok('invoice', 'create', '--channel', 'ch_in', '--tier', tier, '--user', '1001', '--json')) as { price: unknown };
      expect(invoice.price).toEqual({ amount: '9.99', currency: 'USD' });
    }
  });

  it.each([
    [['tier', 'set', '--channel', 'ch_nope', '--name', 'Monthly', '--price-usd', '9.99', '--days', '30'], 'tier set', 'unknown channel "ch_nope": no channel with that id is registered'],
    [['invoice', 'create', '--channel', 'ch_nope', '--tier', 'Monthly', '--user', '1001'], 'invoice create', 'unknown channel "ch_nope": no channel with that id is registered'],
    [['invoice', 'create', '--channel', 'ch_in', '--tier', 'Weekly', '--user', '1001'], 'invoice create', 'unknown tier "Weekly" in channel ch_in; its tiers: monthly ("Monthly")'],
    [['invoice', 'create', '--channel', 'ch_in', '--tier', 'Monthly', '--user', '-1001'], 'invoice create', '--user must be a Telegram user id, a positive whole number like 5000000001 (got "-1001")'],
    [['sandbox', 'telegram', 'say', '--user', '5999999999', '--text', 'hi'], 'sandbox telegram', 'no sandbox user 5999999999'],
  ])('%j is one line naming what is wrong, exit 2', async (argv, command, message) => {
    expect(await paygate(...argv)).toEqual({ code: 2, stdout: '', stderr: `error: ${message} (see "paygate ${command} --help")\n` });
  });

  it('sandbox telegram prints what happened, its JSON with --json; negative chat ids need no = form', async () => {
    const user = await ok('sandbox', 'telegram', 'user', '--name', 'Olga');
    const ownerId = /^user Olga: id (\d+)\n$/.exec(user)?.[1];
    expect(ownerId, user).toBeDefined();
    const channel = JSON.parse(await ok('sandbox', 'telegram', 'channel', '--owner', ownerId!, '--title', 'CLI channel', '--json')) as { id: number; title: string };
    expect(channel).toMatchObject({ title: 'CLI channel', ownerId: Number(ownerId) });
    expect(await ok('sandbox', 'telegram', 'add-bot', '--chat', String(channel.id))).toBe(`bot is administrator of "CLI channel" (${channel.id}), set by Olga\n`);
    const inbox = await waitFor('the registration DM', async () => {
      const text = await ok('sandbox', 'telegram', 'inbox', '--chat', ownerId!);
      return text.includes('is registered') ? text : undefined;
    });
    expect(inbox).toMatch(/^#1 bot → Olga: "CLI channel" is registered\. You are its owner in PayGate\.\n/);
    const messages = JSON.parse(await ok('sandbox', 'telegram', 'inbox', '--chat', ownerId!, '--json')) as { messageId: number; text: string }[];
    expect(messages[0]).toMatchObject({ messageId: 1, text: expect.stringContaining('"CLI channel" is registered') });
  });
});

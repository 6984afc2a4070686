import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/index.ts';
import { createCommandRegistry, createDefaultCommandRegistry, runCli, writeResult, type CliIo, type Command } from './index.ts';

const bufferIo = (env: Record<string, string> = {}) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
};

const seen: { values?: unknown; positionals?: string[]; json?: boolean } = {};

const channelRegister: Command = {
  name: 'channel register',
  summary: 'Register a channel',
  options: { title: { type: 'string', description: 'Channel title', valueName: 'text' }, paid: { type: 'boolean', short: 'p', description: 'Paid' } },
  positionals: [{ name: 'chatId', description: 'Telegram chat id', required: true }],
  json: true,
  async run(context) {
    Object.assign(seen, { values: context.values, positionals: context.positionals, json: context.json });
    writeResult(context, `registered ${context.positionals[0]}`, { chatId: context.positionals[0], revision: 3n });
    return 0;
  },
};
const channelList: Command = { name: 'channel list', summary: 'List channels', run: async () => 0 };
const failing: Command = {
  name: 'fail',
  summary: 'Fails',
  run: async () => {
    throw new Error('database exploded');
  },
};
const badConfig: Command = {
  name: 'badconfig',
  summary: 'Config error',
  run: async () => {
    throw new ConfigError([{ variable: 'PORT', message: 'must be an integer 0-65535 (got "abc")' }]);
  },
};
const registry = createCommandRegistry([channelRegister, channelList, failing, badConfig]);

describe('runCli', () => {
  it('prints the overview for --help, -h and help, exit 0', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const { io, stdout } = bufferIo();
      expect(await runCli(argv, io, registry)).toBe(0);
      expect(stdout()).toContain('Usage: paygate <command> [options]');
      expect(stdout()).toContain('channel register  Register a channel');
    }
  });

  it('no command: overview on stderr, exit 2', async () => {
    const { io, stderr } = bufferIo();
    expect(await runCli([], io, registry)).toBe(2);
    expect(stderr()).toContain('Usage: paygate');
  });

  it('prints a command help for <cmd> --help, <cmd> -h and help <cmd>', async () => {
    for (const argv of [['channel', 'register', '--help'], ['channel', 'register', '-h'], ['help', 'channel', 'register']]) {
      const { io, stdout } = bufferIo();
      expect(await runCli(argv, io, registry)).toBe(0);
      expect(stdout()).toContain('Usage: paygate channel register [options] <chatId>');
      expect(stdout()).toContain('--title <text>');
      expect(stdout()).toContain('-p, --paid');
      expect(stdout()).toContain('--json');
    }
  });

  it('help on a group lists its subcommands', async () => {
    const { io, stdout } = bufferIo();
    expect(await runCli(['help', 'channel'], io, registry)).toBe(0);
    expect(stdout()).toContain('channel list');
  });

  it('passes options, positionals and --json to a multi-word command', async () => {
    const { io, stdout } = bufferIo();
    expect(await runCli(['channel', 'register', '100123', '--title', 'VIP', '-p', '--json'], io, registry)).toBe(0);
    expect(seen).toEqual({ values: { title: 'VIP', paid: true, json: true }, positionals: ['100123'], json: true });
    expect(JSON.parse(stdout())).toEqual({ chatId: '100123', revision: '3' });
  });

  it.each([
    [['frob'], 'error: unknown command "frob" (see "paygate --help")'],
    [['channel'], 'error: "channel" needs a subcommand: channel list, channel register (see "paygate --help")'],
    [['channel', 'drop'], 'error: unknown command "channel drop" (known: channel list, channel register) (see "paygate --help")'],
    [['--verbose'], 'error: unknown option --verbose (options come after the command) (see "paygate --help")'],
    [['channel', 'register', '42', '--colour'], 'error: unknown option --colour for "channel register" (see "paygate channel register --help")'],
    [['channel', 'register'], 'error: missing argument <chatId> (see "paygate channel register --help")'],
    [['channel', 'register', '1', '2'], 'error: unexpected argument 2 (see "paygate channel register --help")'],
    [['channel', 'list', 'extra'], 'error: unexpected argument extra for "channel list" (see "paygate channel list --help")'],
    [['help', 'nothing'], 'error: unknown command "nothing" (see "paygate --help")'],
  ])('%j is a usage error: one line, exit 2', async (argv, message) => {
    const { io, stderr, stdout } = bufferIo();
    expect(await runCli(argv, io, registry)).toBe(2);
    expect(stderr()).toBe(`${message}\n`);
    expect(stdout()).toBe('');
  });

  it.each([
    [['channel', 'register', '1', '--title'], 'error: --title needs a value (see "paygate channel register --help")'],
    [['channel', 'register', '1', '--title', '-x'], 'error: --title needs a value; for a value that starts with "-", write --title=<value> (see "paygate channel register --help")'],
    [['channel', 'register', '1', '--paid=yes'], 'error: --paid takes no value (see "paygate channel register --help")'],
    [['channel', 'register', '1', '--json=1'], 'error: --json takes no value (see "paygate channel register --help")'],
    [['channel', 'register', '1', '--help=1'], 'error: --help takes no value (see "paygate channel register --help")'],
  ])('%j: a flag without its value, or with one it does not take, is one line, exit 2', async (argv, message) => {
    const { io, stderr } = bufferIo();
    expect(await runCli(argv, io, registry)).toBe(2);
    expect(stderr()).toBe(`${message}\n`);
  });

  it.each([
    [['--title', '-1002000000001'], '-1002000000001'],
    [['--title=-1002000000001'], '-1002000000001'],
    [['--title', '-9.5'], '-9.5'],
  ])('a negative number is the value of the option before it, with or without = (%j)', async (options, title) => {
    const { io } = bufferIo();
    expect(await runCli(['channel', 'register', '1', ...options], io, registry)).toBe(0);
    expect(seen.values).toEqual({ title });
  });

  it('a configuration error is one line, exit 2', async () => {
    const { io, stderr } = bufferIo();
    expect(await runCli(['badconfig'], io, registry)).toBe(2);
    expect(stderr()).toBe('config error: PORT must be an integer 0-65535 (got "abc")\n');
  });

  it('a failure prints its message, never a stack, exit 1', async () => {
    const { io, stderr } = bufferIo();
    expect(await runCli(['fail'], io, registry)).toBe(1);
    expect(stderr()).toBe('error: database exploded\n');
  });
});

describe('built-in commands', () => {
  // Every role has a factory now; an unregistered one is covered by the registry's unit test.
  it('start --roles with an unknown role fails before touching anything', async () => {
    const registry = createDefaultCommandRegistry();
    const unknown = bufferIo();
    expect(await runCli(['start', '--roles', 'api,nope'], unknown.io, registry)).toBe(2);
    expect(unknown.stderr()).toContain('error: unknown role "nope" (roles: projector, relay, workers, api, bot)');
  });

  // Checked before anything is opened: no database is needed to refuse these.
  it.each([
    [['channel', 'register', '--chat-id', 'abc', '--owner', '42', '--title', 'A'], 'channel register', '--chat-id must be a Telegram chat id, a whole number like -1002000000001 (channels are negative) (got "abc")'],
    [['channel', 'register', '--chat-id', '-100123', '--owner', '-42', '--title', 'A'], 'channel register', '--owner must be a Telegram user id, a positive whole number like 5000000001 (got "-42")'],
    [['channel', 'register', '--chat-id', '-100123', '--owner', '42', '--title', 'A', '--channel-id', 'ch 1'], 'channel register', '--channel-id must be an id of 1-128 printable characters without spaces (got "ch 1")'],
    [['channel', 'register', '--chat-id', '-100123', '--owner', '42', '--title', 'x'.repeat(256)], 'channel register', `--title must be text of at most 255 characters (got "${'x'.repeat(40)}…")`],
    [['tier', 'set', '--channel', 'ch_a', '--name', 'Monthly', '--price-usd', '9.999', '--days', '30'], 'tier set', '--price-usd must be a price in USD above 0 with at most 2 decimals, like 9.99 or 9,99 (got "9.999")'],
    [['tier', 'set', '--channel', 'ch_a', '--name', 'Monthly', '--price-usd', '0', '--days', '30'], 'tier set', '--price-usd must be a price in USD above 0 with at most 2 decimals, like 9.99 or 9,99 (got "0")'],
    [['tier', 'set', '--channel', 'ch_a', '--name', 'Monthly', '--price-usd', 'ten', '--days', '30'], 'tier set', '--price-usd must be a price in USD above 0 with at most 2 decimals, like 9.99 or 9,99 (got "ten")'],
    [['tier', 'set', '--channel', 'ch_a', '--name', 'Monthly', '--price-usd', '9,99', '--days', '0'], 'tier set', '--days must be a whole number of days from 1 to 3650, like 30 (got "0")'],
    [['tier', 'set', '--channel', 'ch_a', '--name', 'Monthly', '--price-usd', '9,99', '--days', '-3'], 'tier set', '--days must be a whole number of days from 1 to 3650, like 30 (got "-3")'],
    [['tier', 'set', '--channel', 'ch_a', '--price-usd', '9,99', '--days', '30'], 'tier set', '--name is required'],
    [['invoice', 'create', '--channel', 'ch_a', '--tier', 'Monthly', '--user', 'sam'], 'invoice create', '--user must be a Telegram user id, a positive whole number like 5000000001 (got "sam")'],
    [['invoice', 'create', '--channel', 'ch a', '--tier', 'Monthly', '--user', '1001'], 'invoice create', '--channel must be an id of 1-128 printable characters without spaces (got "ch a")'],
    [['sandbox', 'telegram', 'say', '--user', 'olga', '--text', 'hi'], 'sandbox telegram', '--user must be a Telegram user id, a positive whole number like 5000000001 (got "olga")'],
    [['sandbox', 'telegram', 'inbox', '--chat', '0'], 'sandbox telegram', '--chat must be a Telegram chat id, a whole number like -1002000000001 (channels are negative) (got "0")'],
    [['sandbox', 'telegram', 'press', '--user', '5000000002', '--message', 'two'], 'sandbox telegram', '--message must be a message number from the inbox, like 2 (got "two")'],
    [['sandbox', 'telegram', 'wave'], 'sandbox telegram', 'unknown verb "wave" (verbs: user, channel, add-bot, say, press, join, inbox)'],
  ])('%j is a usage error naming the option, exit 2', async (argv, command, message) => {
    const { io, stderr, stdout } = bufferIo();
    expect(await runCli(argv, io, createDefaultCommandRegistry())).toBe(2);
    expect(stderr()).toBe(`error: ${message} (see "paygate ${command} --help")\n`);
    expect(stdout()).toBe('');
  });

  it('start and migrate validate the configuration first', async () => {
    const registry = createDefaultCommandRegistry();
    for (const command of ['start', 'migrate']) {
      const { io, stderr } = bufferIo({ PLATFORM_FEE_BPS: '12000' });
      expect(await runCli([command], io, registry)).toBe(2);
      expect(stderr()).toBe('config error: PLATFORM_FEE_BPS must be an integer 0-10000 (got "12000")\n');
    }
  });
});

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

  it('a string option without value is a usage error', async () => {
    const { io, stderr } = bufferIo();
    expect(await runCli(['channel', 'register', '1', '--title'], io, registry)).toBe(2);
    expect(stderr()).toMatch(/^error: .*--title.*\n$/);
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

  it('start and migrate validate the configuration first', async () => {
    const registry = createDefaultCommandRegistry();
    for (const command of ['start', 'migrate']) {
      const { io, stderr } = bufferIo({ PLATFORM_FEE_BPS: '12000' });
      expect(await runCli([command], io, registry)).toBe(2);
      expect(stderr()).toBe('config error: PLATFORM_FEE_BPS must be an integer 0-10000 (got "12000")\n');
    }
  });
});

import { loadConfig } from '../../config/index.ts';
import { TELEGRAM_SANDBOX_PATH } from '../../bot/telegram-setup.ts';
import { readRuntimeInfo } from '../../runtime/runtime-file.ts';
import { EXIT_FAILURE, EXIT_OK, type Command, type OptionValues } from '../command.ts';
import { optionalOption, requiredOption } from '../options.ts';
import { writeJson } from '../output.ts';
import { UsageError } from '../usage-error.ts';

const NAME = 'sandbox telegram';

type Call = { method: 'GET' | 'POST' | 'PUT'; path: string; body?: Record<string, unknown> };

const num = (values: OptionValues, name: string) => {
  const text = requiredOption(values, name, NAME);
  if (!/^-?\d+$/.test(text)) throw new UsageError(`--${name} must be an integer id`, NAME);
  return Number(text);
};

// One verb per thing a person does in Telegram; each maps to the simulator's control API.
const VERBS: Record<string, (values: OptionValues) => Call> = {
  user: (v) => ({ method: 'POST', path: '/sandbox/users', body: { firstName: requiredOption(v, 'name', NAME), startedBot: true } }),
  channel: (v) => ({ method: 'POST', path: '/sandbox/chats', body: { ownerId: num(v, 'owner'), title: requiredOption(v, 'title', NAME) } }),
  'add-bot': (v) => ({ method: 'PUT', path: `/sandbox/chats/${num(v, 'chat')}/bot`, body: {} }),
  say: (v) => ({ method: 'POST', path: `/sandbox/users/${num(v, 'user')}/messages`, body: { text: requiredOption(v, 'text', NAME) } }),
  press: (v) => ({
    method: 'POST',
    path: `/sandbox/users/${num(v, 'user')}/callbacks`,
    body: { messageId: num(v, 'message'), ...(optionalOption(v, 'text') ? { text: optionalOption(v, 'text') } : {}) },
  }),
  join: (v) => ({ method: 'POST', path: `/sandbox/users/${num(v, 'user')}/joins`, body: { inviteLink: requiredOption(v, 'link', NAME) } }),
  inbox: (v) => ({ method: 'GET', path: `/sandbox/chats/${num(v, 'chat')}/messages` }),
};

export const sandboxTelegramCommand: Command = {
  name: NAME,
  summary: 'Play Telegram users and channels in the sandbox (owner and subscriber, no real Telegram)',
  description: [
    'Verbs: user --name | channel --owner --title | add-bot --chat | say --user --text |',
    'press --user --message --text <button text> | join --user --link | inbox --chat (a user id is their private chat).',
    'Talks to the Telegram simulator inside the running `paygate start`; prints its JSON answer.',
  ].join('\n'),
  positionals: [{ name: 'verb', description: Object.keys(VERBS).join(' | '), required: true }],
  options: {
    name: { type: 'string', description: "A new user's first name" },
    owner: { type: 'string', description: "The channel owner's user id" },
    title: { type: 'string', description: 'Channel title' },
    chat: { type: 'string', description: 'Chat id (a channel, or a user id for their private chat)' },
    user: { type: 'string', description: 'Acting user id' },
    text: { type: 'string', description: 'Message text, or the text of the button to press' },
    message: { type: 'string', description: 'Id of the bot message whose button is pressed' },
    link: { type: 'string', description: 'Invite link to join through' },
  },
  examples: [
    'paygate sandbox telegram user --name Olga',
    'paygate sandbox telegram channel --owner 100001 --title "Alpha signals"',
    'paygate sandbox telegram add-bot --chat -1001000000001',
    'paygate sandbox telegram say --user 100002 --text "/start <code>"',
    'paygate sandbox telegram inbox --chat 100002',
  ],
  async run({ values, positionals, io }) {
    const verb = VERBS[positionals[0]!];
    if (!verb) throw new UsageError(`unknown verb "${positionals[0]}" (verbs: ${Object.keys(VERBS).join(', ')})`, NAME);
    const call = verb(values);
    const config = loadConfig(io.env);
    // Live mode has no sandbox to talk to; saying so beats a 404 from the real server.
    if (config.mode !== 'sandbox') throw new UsageError('sandbox commands need PAYGATE_MODE=sandbox; live mode has no sandbox', NAME);
    const apiUrl = (await readRuntimeInfo(config.dataDir))?.apiUrl;
    if (!apiUrl) throw new Error(`no running PayGate found in ${config.dataDir}: start one with \`paygate start\``);
    const response = await fetch(`${apiUrl}${TELEGRAM_SANDBOX_PATH}${call.path}`, {
      method: call.method,
      ...(call.body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(call.body) } : {}),
    });
    const body: unknown = await response.json().catch(() => ({}));
    writeJson({ io }, body);
    return response.ok ? EXIT_OK : EXIT_FAILURE;
  },
};

import { loadConfig, SANDBOX_TELEGRAM_BOT_TOKEN, TELEGRAM_SANDBOX_PATH } from '../../config/index.ts';
import { readRuntimeInfo } from '../../runtime/runtime-file.ts';
import { EXIT_OK, type Command, type OptionValues } from '../command.ts';
import { optionalOption, requiredOption } from '../options.ts';
import { writeResult } from '../output.ts';
import { chatIdOption, countOption, textOption, userIdOption } from '../typed-options.ts';
import { UsageError } from '../usage-error.ts';
import { awaitJoinDecision, inviteLinkSentTo, type JoinDecision } from './sandbox-invite-link.ts';
import { describeChannel, describeJoin, describeMessages, describeUpdate, describeUser } from './sandbox-telegram-text.ts';

const NAME = 'sandbox telegram';

type Call = {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: Record<string, unknown>;
  /** join --chat: the body's inviteLink is the newest valid one the bot DMed this user. */
  resolveLink?: { userId: number; chatId: number };
  /** join: who asked, so the CLI can wait for the bot's decision on the request. */
  joiner?: number;
  describe(answer: unknown, apiRoot: string): Promise<string> | string;
};

const userId = (values: OptionValues, name: string) => Number(userIdOption(values, name, NAME));
const chatId = (values: OptionValues, name: string) => Number(chatIdOption(values, name, NAME));

/** The sandbox bot's id is its token's first part; a chat's name comes from the simulator's getChat. */
const BOT_ID = Number(SANDBOX_TELEGRAM_BOT_TOKEN.split(':')[0]);

const chatName = async (apiRoot: string, id: number): Promise<string | undefined> => {
  const response = await fetch(`${apiRoot}/bot${SANDBOX_TELEGRAM_BOT_TOKEN}/getChat?chat_id=${id}`).catch(() => undefined);
  const body = (await response?.json().catch(() => undefined)) as { result?: { first_name?: string; title?: string } } | undefined;
  const name = body?.result?.first_name ?? body?.result?.title;
  return name === undefined ? undefined : id > 0 ? name : `"${name}"`;
};

// One verb per thing a person does in Telegram; each maps to the simulator's control API.
const VERBS: Record<string, (values: OptionValues) => Call> = {
  user: (v) => ({ method: 'POST', path: '/sandbox/users', body: { firstName: textOption(v, 'name', NAME, 64), startedBot: true }, describe: describeUser }),
  channel: (v) => ({ method: 'POST', path: '/sandbox/chats', body: { ownerId: userId(v, 'owner'), title: textOption(v, 'title', NAME, 255) }, describe: describeChannel }),
  'add-bot': (v) => ({ method: 'PUT', path: `/sandbox/chats/${chatId(v, 'chat')}/bot`, body: {}, describe: describeUpdate }),
  say: (v) => ({ method: 'POST', path: `/sandbox/users/${userId(v, 'user')}/messages`, body: { text: requiredOption(v, 'text', NAME) }, describe: describeUpdate }),
  press: (v) => ({
    method: 'POST',
    path: `/sandbox/users/${userId(v, 'user')}/callbacks`,
    body: { messageId: countOption(v, 'message', NAME, 'a message number from the inbox, like 2'), ...(optionalOption(v, 'text') ? { text: optionalOption(v, 'text') } : {}) },
    describe: describeUpdate,
  }),
  join: (v) => {
    const user = userId(v, 'user');
    const link = optionalOption(v, 'link');
    if (link === undefined && optionalOption(v, 'chat') === undefined) throw new UsageError('join needs --link <invite link> or --chat <channel id>', NAME);
    return {
      method: 'POST',
      path: `/sandbox/users/${user}/joins`,
      // With --chat the link is looked up just before the call (resolveLink).
      body: { inviteLink: link },
      joiner: user,
      ...(link === undefined ? { resolveLink: { userId: user, chatId: chatId(v, 'chat') } } : {}),
      describe: describeJoin,
    };
  },
  inbox: (v) => {
    const id = chatId(v, 'chat');
    return {
      method: 'GET',
      path: `/sandbox/chats/${id}/messages`,
      describe: async (answer, apiRoot) => describeMessages(answer, { botId: BOT_ID, chatId: id, ...optional(await chatName(apiRoot, id)) }),
    };
  },
};

const JOIN_DECISIONS: Record<JoinDecision, string> = {
  approved: 'the bot approved the request: now a member',
  declined: 'the bot declined the request',
  pending: 'the bot has not decided yet (see the chat members later)',
};

const optional = (chatName: string | undefined) => (chatName === undefined ? {} : { chatName });

/** The simulator's refusal: an unknown user, chat or message is the caller's mistake (exit 2). */
const refusal = (status: number, body: unknown): never => {
  const text = (body as { error?: unknown }).error;
  const message = typeof text === 'string' ? text : `the Telegram simulator answered ${status}`;
  if (status === 400 || status === 404) throw new UsageError(message, NAME);
  throw new Error(message);
};

export const sandboxTelegramCommand: Command = {
  name: NAME,
  summary: 'Play Telegram users and channels in the sandbox (owner and subscriber, no real Telegram)',
  description: [
    'Verbs: user --name | channel --owner --title | add-bot --chat | say --user --text |',
    'press --user --message --text <button text> | join --user (--link | --chat) | inbox --chat (a user id is their private chat).',
    'Talks to the Telegram simulator inside the running `paygate start`; prints what happened, or its JSON answer with --json.',
  ].join('\n'),
  positionals: [{ name: 'verb', description: Object.keys(VERBS).join(' | '), required: true }],
  options: {
    name: { type: 'string', description: "A new user's first name" },
    owner: { type: 'string', description: "The channel owner's user id" },
    title: { type: 'string', description: 'Channel title' },
    chat: { type: 'string', description: 'Chat id (a channel, e.g. -1002000000001, or a user id for their private chat)' },
    user: { type: 'string', description: 'Acting user id' },
    text: { type: 'string', description: 'Message text, or the text of the button to press' },
    message: { type: 'string', description: 'Number of the bot message whose button is pressed (#2 in the inbox → 2)' },
    link: { type: 'string', description: 'Invite link to join through (join --chat instead uses the newest valid one the bot sent the user)' },
  },
  json: true,
  examples: [
    'paygate sandbox telegram user --name Olga',
    'paygate sandbox telegram channel --owner 5000000001 --title "Alpha signals"',
    'paygate sandbox telegram add-bot --chat -1002000000001',
    'paygate sandbox telegram say --user 5000000002 --text "/start <code>"',
    'paygate sandbox telegram inbox --chat 5000000002',
    'paygate sandbox telegram join --user 5000000002 --chat -1002000000001',
    'paygate sandbox telegram inbox --chat 5000000002 --json',
  ],
  async run(context) {
    const { values, positionals, io } = context;
    const verb = VERBS[positionals[0]!];
    if (!verb) throw new UsageError(`unknown verb "${positionals[0]}" (verbs: ${Object.keys(VERBS).join(', ')})`, NAME);
    const call = verb(values);
    const config = loadConfig(io.env);
    // Live mode has no sandbox to talk to; saying so beats a 404 from the real server.
    if (config.mode !== 'sandbox') throw new UsageError('sandbox commands need PAYGATE_MODE=sandbox; live mode has no sandbox', NAME);
    const apiUrl = (await readRuntimeInfo(config.dataDir))?.apiUrl;
    if (!apiUrl) throw new Error(`no running PayGate found in ${config.dataDir}: start one with \`paygate start\``);
    const apiRoot = `${apiUrl}${TELEGRAM_SANDBOX_PATH}`;
    if (call.resolveLink) call.body = { inviteLink: await inviteLinkSentTo(apiRoot, { ...call.resolveLink, botId: BOT_ID, command: NAME }) };
    const response = await fetch(`${apiRoot}${call.path}`, {
      method: call.method,
      ...(call.body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(call.body) } : {}),
    });
    const body: unknown = await response.json().catch(() => ({}));
    if (!response.ok) refusal(response.status, body);
    let text = context.json ? '' : await call.describe(body, apiRoot);
    const inviteLink = call.body?.inviteLink;
    if (call.joiner !== undefined && (body as { outcome?: unknown }).outcome === 'requested' && typeof inviteLink === 'string') {
      const decision = await awaitJoinDecision(apiRoot, { userId: call.joiner, inviteLink });
      if (!context.json) text += `\n${JOIN_DECISIONS[decision]}`;
    }
    writeResult(context, text, body);
    return EXIT_OK;
  },
};

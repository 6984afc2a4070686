import { describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { createPayGateBot, type BotDeps } from '../create-bot.ts';
import type { BotChannel, OwnerBalancesPort } from '../deps.ts';

// /balance through the whole bot: updates go in by handleUpdate, and a transformer answers the
// Bot API in place of Telegram (the owner is the chats' creator) and keeps what the bot sent.

const OWNER = 501;
const STRANGER = 502;
const HASH = '0x9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

const channel = (channelId: string, title: string): BotChannel => ({ channelId, chatId: `-100${channelId.length}${title.length}`, ownerId: String(OWNER), title, tiers: [] });
const ALPHA = channel('c1alpha', 'Alpha');
const BETA = channel('c2beta', 'Beta');

type Balance = Awaited<ReturnType<OwnerBalancesPort['balancesOf']>>[number] & { ownerId: string };
type Payout = Awaited<ReturnType<OwnerBalancesPort['recentPayouts']>>[number] & { ownerId: string };

/** The port over plain rows, filtered as the real read model would; remembers what it was asked. */
const inMemoryBalances = (balances: readonly Balance[], payouts: readonly Payout[]) => {
  const asked: { ownerId: string; channelId?: string }[] = [];
  const mine = <Row extends { ownerId: string; channelId: string }>(rows: readonly Row[], ownerId: string, channelId?: string) =>
    rows.filter((row) => row.ownerId === ownerId && (channelId === undefined || row.channelId === channelId)).map(({ ownerId: _, ...row }) => row);
  const port: OwnerBalancesPort = {
    balancesOf: async (ownerId, channelId) => (asked.push({ ownerId, ...(channelId ? { channelId } : {}) }), mine(balances, ownerId, channelId)),
    recentPayouts: async (ownerId, limit, channelId) =>
      mine(payouts, ownerId, channelId)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        .slice(0, limit),
  };
  return { port, asked };
};

const owner = String(OWNER);
const BALANCES: Balance[] = [
  { ownerId: owner, channelId: ALPHA.channelId, currency: 'USDTMATIC', pending: '12.500000', inPayout: '5.000000', paidOut: '100.250000' },
  { ownerId: owner, channelId: BETA.channelId, currency: 'USDTMATIC', pending: '3.10', inPayout: '0', paidOut: '0' },
  { ownerId: String(STRANGER), channelId: 'c9other', currency: 'USDTMATIC', pending: '999.00', inPayout: '0', paidOut: '0' },
];
const PAYOUTS: Payout[] = [
  { ownerId: owner, payoutId: 'p1', channelId: ALPHA.channelId, status: 'sent', amount: '100.250000', currency: 'USDTMATIC', received: '99.870000', receivedCurrency: 'USDTMATIC', payoutHash: HASH, updatedAt: '2026-01-30T10:00:00.000Z' },
  { ownerId: owner, payoutId: 'p2', channelId: ALPHA.channelId, status: 'running', amount: '5.000000', currency: 'USDTMATIC', updatedAt: '2026-02-01T09:00:00.000Z' },
  { ownerId: owner, payoutId: 'p3', channelId: BETA.channelId, status: 'held', amount: '1.00', currency: 'USDTMATIC', updatedAt: '2026-01-31T09:00:00.000Z' },
];

const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const botInfo = { id: 1, is_bot: true, first_name: 'PayGate', username: 'paygate_test_bot' } as never;

const startBot = (options: { balances?: OwnerBalancesPort; explorerTxUrl?: string; channels?: readonly BotChannel[] } = {}) => {
  const channels = options.channels ?? [ALPHA, BETA];
  const deps = {
    channels: {},
    invoices: {},
    queries: {
      channel: async (channelId: string) => channels.find((known) => known.channelId === channelId),
      channelsOwnedBy: async (ownerId: string) => channels.filter((known) => known.ownerId === ownerId),
    },
    ledger: {},
    clock: () => new Date('2026-02-01T12:00:00.000Z'),
    logger,
    ...(options.balances ? { balances: options.balances } : {}),
    ...(options.explorerTxUrl ? { explorerTxUrl: options.explorerTxUrl } : {}),
  } as unknown as BotDeps;
  const { bot } = createPayGateBot(deps, { token: '1:x', botInfo });
  const sent: { chatId: number; text: string }[] = [];
  bot.api.config.use(async (_prev, method, payload) => {
    const call = payload as { chat_id?: number; text?: string };
    if (method === 'getChatAdministrators') return { ok: true, result: [{ status: 'creator', user: { id: OWNER, is_bot: false, first_name: 'Olga' } }] } as never;
    if (method === 'sendMessage') {
      sent.push({ chatId: call.chat_id!, text: call.text! });
      return { ok: true, result: { message_id: sent.length, date: 0, chat: { id: call.chat_id, type: 'private' }, text: call.text } } as never;
    }
    return { ok: true, result: true } as never;
  });
  let updateId = 0;
  /** The user writes it privately; resolves with the bot's answer. */
  const say = async (userId: number, text: string): Promise<string> => {
    const before = sent.length;
    const command = text.split(' ')[0]!;
    const from = { id: userId, is_bot: false, first_name: 'User', language_code: 'en' };
    const update: Update = {
      update_id: ++updateId,
      message: { message_id: updateId, date: 0, chat: { id: userId, type: 'private', first_name: 'User' }, from, text, entities: [{ type: 'bot_command', offset: 0, length: command.length }] },
    };
    await bot.handleUpdate(update);
    const answers = sent.slice(before).filter((message) => message.chatId === userId);
    expect(answers).toHaveLength(1);
    return answers[0]!.text;
  };
  return { say };
};

describe('/balance', () => {
  it('shows the owner what is waiting, in a payout and paid out per channel, and the latest payouts', async () => {
    const { port, asked } = inMemoryBalances(BALANCES, PAYOUTS);
    const text = await startBot({ balances: port }).say(OWNER, '/balance');
    expect(text).toContain('"Alpha" (USDTMATIC): 12.500000 USDTMATIC waiting to be paid out, 5.000000 USDTMATIC of it in a payout now; 100.250000 USDTMATIC paid out so far.');
    expect(text).toContain('"Beta" (USDTMATIC): 3.10 USDTMATIC waiting to be paid out; nothing paid out yet.');
    expect(text).not.toContain('999.00');
    const latest = text.slice(text.indexOf('Latest payouts:')).split('\n').slice(1);
    expect(latest).toEqual([
      '• 2026-02-01 09:00 UTC "Alpha": 5.000000 USDTMATIC — in progress',
      '• 2026-01-31 09:00 UTC "Beta": 1.00 USDTMATIC — on hold',
      '• 2026-01-30 10:00 UTC "Alpha": 100.250000 USDTMATIC — sent, received 99.870000 USDTMATIC, tx 0x9f86d0…f00a08',
    ]);
    expect(asked).toEqual([{ ownerId: owner }]);
  });

  it('lists at most five payouts', async () => {
    const many = Array.from({ length: 7 }, (_, index): Payout => ({ ...PAYOUTS[1]!, payoutId: `p${index}`, updatedAt: `2026-01-0${index + 1}T00:00:00.000Z` }));
    const text = await startBot({ balances: inMemoryBalances(BALANCES, many).port }).say(OWNER, '/balance');
    expect(text.split('\n').filter((line) => line.includes('in progress'))).toHaveLength(5);
    expect(text).not.toContain('2026-01-02');
  });

  it('a channel code selects that channel alone', async () => {
    const { port, asked } = inMemoryBalances(BALANCES, PAYOUTS);
    const text = await startBot({ balances: port }).say(OWNER, `/balance ${BETA.channelId}`);
    expect(text).toContain('"Beta" (USDTMATIC): 3.10 USDTMATIC waiting');
    expect(text).toContain('"Beta": 1.00 USDTMATIC — on hold');
    expect(text).not.toContain('Alpha');
    expect(asked).toEqual([{ ownerId: owner, channelId: BETA.channelId }]);
  });

  it('someone else’s channel gets the usual not-your-channel answer, and nothing is read', async () => {
    const { port, asked } = inMemoryBalances(BALANCES, PAYOUTS);
    const text = await startBot({ balances: port }).say(STRANGER, `/balance ${ALPHA.channelId}`);
    expect(text).toBe('"Alpha" is managed by the administrator who registered it.');
    expect(asked).toEqual([]);
  });

  it('an owner with nothing yet is told so kindly', async () => {
    const { port } = inMemoryBalances([{ ...BALANCES[1]!, pending: '0.00' }], []);
    const bot = startBot({ balances: port });
    expect(await bot.say(OWNER, '/balance')).toBe('No payments to pay out yet. As soon as a subscriber pays, you see it here (/balance).');
    expect(await bot.say(OWNER, `/balance ${ALPHA.channelId}`)).toBe('No payments to pay out yet for "Alpha". As soon as a subscriber pays, you see it here (/balance).');
  });

  it('links the payout transaction when an explorer is configured', async () => {
    const text = await startBot({ balances: inMemoryBalances(BALANCES, PAYOUTS).port, explorerTxUrl: 'https://polygonscan.com/tx/{hash}' }).say(OWNER, '/balance');
    expect(text).toContain(`tx https://polygonscan.com/tx/${HASH}`);
    expect(text).not.toContain('…');
  });

  it('without channels, or without the port, says so', async () => {
    const { port } = inMemoryBalances(BALANCES, PAYOUTS);
    expect(await startBot({ balances: port }).say(STRANGER, '/balance')).toContain('You have no registered channels.');
    expect(await startBot().say(OWNER, '/balance')).toBe('Balances cannot be shown from the bot in this version yet.');
  });

  it('several channels and an unknown code: the owner is asked which one', async () => {
    const text = await startBot({ balances: inMemoryBalances(BALANCES, PAYOUTS).port }).say(OWNER, '/balance nope');
    expect(text).toContain('You have several channels');
    expect(text).toContain('/balance c1alpha …');
  });
});

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPayGateError, type PayGateError } from '@paygate/domain';
import { createTelegramSandbox, type TelegramSandbox } from '../sandbox/sandbox.ts';
import { createTelegramClient, type TelegramClient, type TelegramClientOptions } from './client.ts';

const TOKEN = '7200000003:client-SECRET-token';

let sandbox: TelegramSandbox;
let url = '';
let close: () => Promise<void> = async () => {};
let client: TelegramClient;

const clientWith = (options: Partial<TelegramClientOptions> = {}) => createTelegramClient({ apiRoot: url, token: TOKEN, timeoutMs: 5_000, ...options });

const failure = async (promise: Promise<unknown>): Promise<PayGateError> => {
  try {
    await promise;
  } catch (error) {
    if (isPayGateError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
};

const world = () => {
  const c = sandbox.control;
  const owner = c.createUser({ firstName: 'Owner' });
  const channel = c.createChannel({ ownerId: owner.id, title: 'Paid' });
  c.promoteBot({ chatId: channel.id });
  const subscriber = c.createUser({ firstName: 'Sub', startedBot: true });
  return { owner, channel, subscriber, chatId: String(channel.id), userId: String(subscriber.id) };
};

beforeAll(async () => {
  sandbox = createTelegramSandbox({ token: TOKEN });
  ({ url, close } = await sandbox.listen(0));
  client = clientWith();
});
afterAll(() => close());

describe('TelegramGateway over the Bot API', () => {
  it('sends a message with an inline keyboard, ids as exact JSON numbers', async () => {
    const { subscriber, userId } = world();
    const { messageId } = await client.sendMessage({
      chatId: userId,
      text: 'Your link: <a href="https://t.me/+abc">join</a>',
      parseMode: 'HTML',
      keyboard: [[{ text: 'Renew', callbackData: 'renew:30' }], [{ text: 'Help', url: 'https://example.org/help' }]],
    });
    const [sent] = sandbox.control.botMessages(subscriber.id);
    expect(sent).toMatchObject({
      messageId,
      text: 'Your link: join',
      replyMarkup: { inline_keyboard: [[{ text: 'Renew', callback_data: 'renew:30' }], [{ text: 'Help', url: 'https://example.org/help' }]] },
    });
    expect(sandbox.control.calls('sendMessage').at(-1)?.params).toMatchObject({ chat_id: subscriber.id, parse_mode: 'HTML' });
  });

  it('creates, uses and revokes a one-seat invite link; approves and declines join requests', async () => {
    const { channel, chatId, subscriber, userId } = world();
    const link = await client.createChatInviteLink({ chatId, name: 'inv_123', memberLimit: 1, expireDate: Math.floor(Date.now() / 1000) + 3_600 });
    expect(link).toEqual({
      inviteLink: expect.stringMatching(/^https:\/\/t\.me\/\+/),
      name: 'inv_123',
      memberLimit: 1,
      expireDate: expect.any(Number),
      createsJoinRequest: false,
      isRevoked: false,
    });
    expect(sandbox.control.joinViaLink({ userId: subscriber.id, inviteLink: link.inviteLink }).outcome).toBe('joined');
    expect(await client.getChatMember({ chatId, userId })).toEqual({ status: 'member' });
    expect(await client.revokeChatInviteLink({ chatId, inviteLink: link.inviteLink })).toMatchObject({ isRevoked: true, inviteLink: link.inviteLink });

    const approval = await client.createChatInviteLink({ chatId, createsJoinRequest: true });
    const [a, b] = [sandbox.control.createUser({ firstName: 'A' }), sandbox.control.createUser({ firstName: 'B' })];
    sandbox.control.joinViaLink({ userId: a.id, inviteLink: approval.inviteLink });
    sandbox.control.joinViaLink({ userId: b.id, inviteLink: approval.inviteLink });
    await client.approveChatJoinRequest({ chatId, userId: String(a.id) });
    await client.declineChatJoinRequest({ chatId, userId: String(b.id) });
    expect([sandbox.control.member(channel.id, a.id).status, sandbox.control.member(channel.id, b.id).status]).toEqual(['member', 'left']);
    const again = await failure(client.approveChatJoinRequest({ chatId, userId: String(b.id) }));
    expect(again).toMatchObject({ kind: 'not_found', details: { description: 'Bad Request: HIDE_REQUESTER_MISSING' } });
  });

  it('removes a subscriber with ban + unban(onlyIfBanned) and leaves others alone', async () => {
    const { channel, chatId, subscriber, userId } = world();
    sandbox.control.addMember({ chatId: channel.id, userId: subscriber.id });
    const other = sandbox.control.createUser({ firstName: 'Other' });
    sandbox.control.addMember({ chatId: channel.id, userId: other.id });
    await client.banChatMember({ chatId, userId });
    expect(await client.getChatMember({ chatId, userId })).toEqual({ status: 'kicked' });
    await client.unbanChatMember({ chatId, userId, onlyIfBanned: true });
    await client.unbanChatMember({ chatId, userId: String(other.id), onlyIfBanned: true });
    expect(await client.getChatMember({ chatId, userId })).toEqual({ status: 'left' });
    expect(await client.getChatMember({ chatId, userId: String(other.id) })).toEqual({ status: 'member' });
  });

  it('reads the chat and its administrators', async () => {
    const { owner, chatId } = world();
    expect(await client.getChat({ chatId })).toEqual({ id: chatId, type: 'channel', title: 'Paid' });
    expect(await client.getChatAdministrators({ chatId })).toEqual([
      { userId: String(owner.id), status: 'creator', canInviteUsers: true, canRestrictMembers: true },
      { userId: String(sandbox.botId), status: 'administrator', canInviteUsers: true, canRestrictMembers: true },
    ]);
  });
});

describe('errors', () => {
  it('maps a user who blocked the bot to forbidden/blocked', async () => {
    const { subscriber, userId } = world();
    sandbox.control.blockBot(subscriber.id);
    const error = await failure(client.sendMessage({ chatId: userId, text: 'expiring soon' }));
    expect(error).toMatchObject({ kind: 'forbidden', details: { reason: 'blocked', method: 'sendMessage', errorCode: 403, description: 'Forbidden: bot was blocked by the user' } });
  });

  it('maps missing rights to forbidden/not_admin and an unknown chat to not_found', async () => {
    const { channel, chatId } = world();
    sandbox.control.promoteBot({ chatId: channel.id, rights: { can_post_messages: true } });
    expect(await failure(client.createChatInviteLink({ chatId }))).toMatchObject({ kind: 'forbidden', details: { reason: 'not_admin' } });
    expect(await failure(client.getChat({ chatId: '-1009999999999' }))).toMatchObject({ kind: 'not_found' });
    sandbox.control.demoteBot({ chatId: channel.id, to: 'kicked' });
    expect(await failure(client.getChat({ chatId }))).toMatchObject({ kind: 'forbidden', details: { reason: 'kicked' } });
  });

  it('refuses ids a JSON number cannot carry exactly, and bad link settings, before calling', async () => {
    const before = sandbox.control.calls().length;
    expect(await failure(client.getChatMember({ chatId: '-1002000000001', userId: '9007199254740993' }))).toMatchObject({ kind: 'validation' });
    expect(await failure(client.createChatInviteLink({ chatId: '-1002000000001', memberLimit: 1, createsJoinRequest: true }))).toMatchObject({ kind: 'validation' });
    expect(await failure(client.createChatInviteLink({ chatId: '-1002000000001', name: 'n'.repeat(33) }))).toMatchObject({ kind: 'validation' });
    expect(await failure(client.sendMessage({ chatId: '1', text: 'x', keyboard: [[{ text: 'both', url: 'https://x.org', callbackData: 'x' }]] }))).toMatchObject({
      kind: 'validation',
    });
    expect(sandbox.control.calls().length).toBe(before);
  });

  it('maps 5xx and timeouts to unavailable', async () => {
    const { chatId } = world();
    sandbox.control.faults.fail('getChat', { errorCode: 502, description: 'Bad Gateway' });
    expect(await failure(client.getChat({ chatId }))).toMatchObject({ kind: 'unavailable', details: { errorCode: 502 } });
    sandbox.control.faults.delay('getChat', 400);
    const slow = await failure(clientWith({ timeoutMs: 100 }).getChat({ chatId }));
    sandbox.control.faults.clear();
    expect(slow).toMatchObject({ kind: 'unavailable', message: 'Telegram getChat failed: timed out after 100 ms' });
    expect(slow.details.notSent).toBeUndefined(); // a timeout may have been delivered
  });

  it("marks Telegram's own error answers (telegramError), never a body that was not one", async () => {
    const { chatId } = world();
    sandbox.control.faults.fail('getChat', { errorCode: 502, description: 'Bad Gateway' });
    expect((await failure(client.getChat({ chatId }))).details).toMatchObject({ errorCode: 502, telegramError: true });
    // A proxy's page, or a 200 whose body does not parse: whether the call went through is unknown.
    const proxied = (status: number, body: string) => clientWith({ fetch: async () => new Response(body, { status }) });
    const garbled = await failure(proxied(200, '{"ok":tr').getChat({ chatId }));
    expect(garbled).toMatchObject({ kind: 'unavailable', details: { errorCode: 502 } });
    expect(garbled.details.telegramError).toBeUndefined();
    expect((await failure(proxied(503, '<html>Service Unavailable</html>').getChat({ chatId }))).details.telegramError).toBeUndefined();
  });

  it('says a refused connection certainly did not reach Telegram (notSent)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await failure(clientWith({ apiRoot: `http://127.0.0.1:${port}` }).getChat({ chatId: '1' }));
    expect(refused).toMatchObject({ kind: 'unavailable', details: { notSent: true } });
  });

  it('never lets the token reach an error, its details or its cause', async () => {
    const leaky = clientWith({
      fetch: async (input) => {
        throw new TypeError(`fetch failed: connect ECONNREFUSED for ${input}`);
      },
    });
    const error = await failure(leaky.getChat({ chatId: '-1002000000001' }));
    expect(error.kind).toBe('unavailable');
    const everything = `${error.message} ${JSON.stringify(error.details)} ${(error.cause as Error).message} ${error.stack}`;
    expect(everything).toContain('[redacted]');
    expect(everything).not.toContain('SECRET');
    const wrongToken = await failure(createTelegramClient({ apiRoot: url, token: '7200000003:other-token' }).getChat({ chatId: '1' }));
    expect(wrongToken).toMatchObject({ kind: 'unauthorized' });
    expect(() => createTelegramClient({ apiRoot: url, token: 'no token/../x' })).toThrow(expect.objectContaining({ kind: 'validation' }));
  });
});

describe('rate limits', () => {
  it('waits retry_after on a 429 and then succeeds (real time)', async () => {
    const { userId } = world();
    sandbox.control.faults.rateLimit('sendMessage', { times: 1, retryAfter: 1 });
    const before = sandbox.control.calls('sendMessage').length;
    const started = performance.now();
    await client.sendMessage({ chatId: userId, text: 'after the flood' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(sandbox.control.calls('sendMessage').slice(before).map((c) => c.errorCode ?? 200)).toEqual([429, 200]);
  });

  it('gives up after a bounded number of 429s with rate_limited and retryAfterSeconds', async () => {
    const { userId } = world();
    const slept: number[] = [];
    let clock = 0;
    const fast = clientWith({
      rateLimit: { max429Retries: 2 },
      now: () => clock,
      sleep: async (ms) => {
        slept.push(ms);
        clock += ms;
      },
    });
    sandbox.control.faults.rateLimit('sendMessage', { times: 5, retryAfter: 12 });
    const error = await failure(fast.sendMessage({ chatId: userId, text: 'x' }));
    sandbox.control.faults.clear();
    expect(error).toMatchObject({ kind: 'rate_limited', details: { retryAfterSeconds: 12, method: 'sendMessage' } });
    expect(slept).toEqual([12_000, 12_000]);
    // A retry_after longer than the client will wait fails at once.
    sandbox.control.faults.rateLimit('getChat', { retryAfter: 3_600 });
    expect(await failure(fast.getChat({ chatId: userId }))).toMatchObject({ kind: 'rate_limited', details: { retryAfterSeconds: 3_600 } });
  });

  it('paces messages to one private chat at one a second after a small burst', async () => {
    const { subscriber, userId } = world();
    const slept: number[] = [];
    let clock = 0;
    const paced = clientWith({
      now: () => clock,
      sleep: async (ms) => {
        slept.push(ms);
        clock += ms;
      },
    });
    for (let i = 0; i < 5; i += 1) await paced.sendMessage({ chatId: userId, text: `n${i}` });
    expect(slept).toEqual([1_000, 1_000]);
    expect(sandbox.control.botMessages(subscriber.id)).toHaveLength(5);
  });

  it('passes any method through call(), with its own deadline for long polls', async () => {
    expect(await client.call('getMe')).toMatchObject({ id: sandbox.botId, is_bot: true });
    await client.call('getUpdates', { offset: -1 });
    const started = performance.now();
    expect(await client.call('getUpdates', { timeout: 1, offset: 1_000_000 }, { timeoutMs: 5_000 })).toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
  });
});

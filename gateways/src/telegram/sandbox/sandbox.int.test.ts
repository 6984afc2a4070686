import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TgUpdate } from '../bot-api-types.ts';
import { createTelegramSandbox, type TelegramSandbox } from './sandbox.ts';
import { SECRET_TOKEN_HEADER } from './webhook.ts';

const TOKEN = '7000000001:SANDBOX-token_abc';

let sandbox: TelegramSandbox;
let url = '';
let close: () => Promise<void> = async () => {};

type Answer = { status: number; body: { ok: boolean; result?: unknown; error_code?: number; description?: string; parameters?: { retry_after?: number } } };

const api = async (method: string, params: Record<string, unknown> = {}, as: 'json' | 'form' | 'get' = 'json', token = TOKEN): Promise<Answer> => {
  const endpoint = `${url}/bot${token}/${method}`;
  const form = new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  const response =
    as === 'get'
      ? await fetch(`${endpoint}?${form}`)
      : await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': as === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
          body: as === 'json' ? JSON.stringify(params) : form.toString(),
        });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
};

const ok = async (method: string, params: Record<string, unknown> = {}) => {
  const answer = await api(method, params);
  if (!answer.body.ok) throw new Error(`${method}: ${answer.body.description}`);
  return answer.body.result as never;
};

beforeAll(async () => {
  sandbox = createTelegramSandbox({ token: TOKEN, botUsername: 'paygate_test_bot', webhookRetry: { initialBackoffMs: 10, maxBackoffMs: 40 } });
  ({ url, close } = await sandbox.listen(0));
});
afterAll(() => close());

beforeEach(async () => {
  await api('deleteWebhook', { drop_pending_updates: true });
  sandbox.control.faults.clear();
});

describe('Bot API envelope', () => {
  it('answers getMe with the bot user named by the token, over JSON, form and GET', async () => {
    for (const as of ['json', 'form', 'get'] as const) {
      const answer = await api('getMe', {}, as);
      expect(answer).toEqual({
        status: 200,
        body: {
          ok: true,
          result: expect.objectContaining({ id: 7000000001, is_bot: true, username: 'paygate_test_bot', first_name: 'PayGate Sandbox' }),
        },
      });
    }
  });

  it('refuses a wrong token with 401 and an unknown method with 404, as api.telegram.org does', async () => {
    expect(await api('getMe', {}, 'json', '7000000001:wrong')).toEqual({
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    });
    expect(await api('getMeNow')).toEqual({ status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } });
    const bad = await fetch(`${url}/bot${TOKEN}/sendMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(bad.status).toBe(400);
  });

  it('logs calls without the token', async () => {
    await api('getMe');
    const last = sandbox.control.calls('getMe').at(-1);
    expect(last).toMatchObject({ method: 'getMe', ok: true });
    expect(JSON.stringify(sandbox.control.calls())).not.toContain('SANDBOX-token');
  });

  it('injects 429 with retry_after for the next N calls of a method, then recovers', async () => {
    sandbox.control.faults.rateLimit('getMe', { times: 2, retryAfter: 7 });
    const first = await api('getMe');
    expect(first).toEqual({
      status: 429,
      body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } },
    });
    expect((await api('getMe')).status).toBe(429);
    expect((await api('getMe')).status).toBe(200);
  });

  it('slows a method down on request', async () => {
    sandbox.control.faults.delay('getMe', 150);
    const started = performance.now();
    await api('getMe');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('messages, commands and buttons', () => {
  it('turns a user /start deep link into a message update with a bot_command entity', async () => {
    const alice = sandbox.control.createUser({ firstName: 'Alice', username: 'alice' });
    const update = sandbox.control.sendText({ userId: alice.id, text: '/start ch_42' });
    const [polled] = (await ok('getUpdates', { offset: 0 })) as TgUpdate[];
    expect(polled).toEqual(update);
    expect(polled).toMatchObject({
      message: {
        message_id: 1,
        from: { id: alice.id, is_bot: false, first_name: 'Alice', username: 'alice' },
        chat: { id: alice.id, type: 'private', first_name: 'Alice', username: 'alice' },
        text: '/start ch_42',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      },
    });
  });

  it('sends with an inline keyboard, takes a button press, answers it and edits the message', async () => {
    const bob = sandbox.control.createUser({ firstName: 'Bob' });
    sandbox.control.sendText({ userId: bob.id, text: 'hi' });
    const keyboard = { inline_keyboard: [[{ text: 'Buy 30 days', callback_data: 'buy:30' }], [{ text: 'Site', url: 'https://example.org' }]] };
    // Form body, reply_markup as JSON text, as many clients send it.
    const sent = await api('sendMessage', { chat_id: String(bob.id), text: '<b>Pick</b> a tier &amp; pay', parse_mode: 'HTML', reply_markup: keyboard }, 'form');
    expect(sent.body.result).toMatchObject({
      message_id: 2,
      from: { id: sandbox.botId, is_bot: true },
      text: 'Pick a tier & pay',
      entities: [{ type: 'bold', offset: 0, length: 4 }],
      reply_markup: keyboard,
    });
    const messageId = (sent.body.result as { message_id: number }).message_id;
    expect(sandbox.control.botMessages(bob.id).map((m) => m.text)).toEqual(['Pick a tier & pay']);

    const { callbackQueryId, update } = sandbox.control.pressButton({ userId: bob.id, messageId, data: 'buy:30' });
    expect(update).toMatchObject({ callback_query: { id: callbackQueryId, from: { id: bob.id }, data: 'buy:30', message: { message_id: messageId } } });
    expect(await ok('answerCallbackQuery', { callback_query_id: callbackQueryId, text: 'ok' })).toBe(true);
    expect((await api('answerCallbackQuery', { callback_query_id: callbackQueryId })).body.description).toBe(
      'Bad Request: query is too old and response timeout expired or query ID is invalid',
    );
    expect(sandbox.control.callbackAnswers().at(-1)).toMatchObject({ queryId: callbackQueryId, text: 'ok' });

    const edited = await ok('editMessageText', { chat_id: bob.id, message_id: messageId, text: 'Paid' });
    expect(edited).toMatchObject({ text: 'Paid', edit_date: expect.any(Number) });
    expect(edited).not.toHaveProperty('reply_markup');
    expect((await api('editMessageText', { chat_id: bob.id, message_id: messageId, text: 'Paid' })).body.description).toMatch(
      /^Bad Request: message is not modified/,
    );
    const withMarkup = await ok('editMessageReplyMarkup', { chat_id: bob.id, message_id: messageId, reply_markup: keyboard });
    expect(withMarkup).toMatchObject({ reply_markup: keyboard });
    expect((await api('editMessageText', { chat_id: bob.id, message_id: 999, text: 'x' })).body.description).toBe(
      'Bad Request: message to edit not found',
    );
  });

  it('refuses what Telegram refuses: unknown chat, blocked or never-started users, bad HTML, bad buttons', async () => {
    const carol = sandbox.control.createUser({ firstName: 'Carol' });
    const desc = async (params: Record<string, unknown>) => {
      const answer = await api('sendMessage', params);
      return [answer.status, answer.body.description];
    };
    expect(await desc({ chat_id: 424242, text: 'x' })).toEqual([400, 'Bad Request: chat not found']);
    expect(await desc({ chat_id: carol.id, text: 'x' })).toEqual([403, "Forbidden: bot can't initiate conversation with a user"]);
    sandbox.control.sendText({ userId: carol.id, text: '/start' });
    expect(await desc({ chat_id: carol.id, text: '' })).toEqual([400, 'Bad Request: message text is empty']);
    expect(await desc({ chat_id: carol.id, text: 'a < b', parse_mode: 'HTML' })).toEqual([
      400,
      expect.stringMatching(/^Bad Request: can't parse entities: .* at byte offset 2$/),
    ]);
    expect(await desc({ chat_id: carol.id, text: 'x', reply_markup: { inline_keyboard: [[{ text: 'x', callback_data: 'y'.repeat(65) }]] } })).toEqual([
      400,
      'Bad Request: BUTTON_DATA_INVALID',
    ]);
    const blocked = sandbox.control.blockBot(carol.id);
    expect(blocked).toMatchObject({
      my_chat_member: { chat: { id: carol.id, type: 'private' }, old_chat_member: { status: 'member' }, new_chat_member: { status: 'kicked', until_date: 0 } },
    });
    expect(await desc({ chat_id: carol.id, text: 'x' })).toEqual([403, 'Forbidden: bot was blocked by the user']);
    // Writing to the bot again unblocks it.
    sandbox.control.sendText({ userId: carol.id, text: '/start' });
    expect(await desc({ chat_id: carol.id, text: 'welcome back' })).toEqual([200, undefined]);
  });
});

describe('getUpdates', () => {
  it('keeps updates until an offset confirms them; ids strictly increase; limit and negative offset work', async () => {
    const dan = sandbox.control.createUser({ firstName: 'Dan' });
    const ids = ['one', 'two', 'three'].map((text) => sandbox.control.sendText({ userId: dan.id, text }).update_id);
    expect(ids[1]! - ids[0]!).toBe(1);
    expect(ids[2]! - ids[1]!).toBe(1);
    const again = (await ok('getUpdates', { limit: 2 })) as TgUpdate[];
    expect(again.map((u) => u.update_id)).toEqual(ids.slice(0, 2));
    expect(((await ok('getUpdates', {})) as TgUpdate[]).map((u) => u.update_id)).toEqual(ids); // not confirmed yet
    expect(((await ok('getUpdates', { offset: ids[1] })) as TgUpdate[]).map((u) => u.update_id)).toEqual(ids.slice(1));
    expect(((await ok('getUpdates', { offset: -1 })) as TgUpdate[]).map((u) => u.update_id)).toEqual([ids[2]]);
    expect(await ok('getUpdates', { offset: ids[2]! + 1 })).toEqual([]);
  });

  it('long-polls: waits for an update up to timeout and wakes as soon as one arrives', async () => {
    const erin = sandbox.control.createUser({ firstName: 'Erin' });
    const started = performance.now();
    const empty = await ok('getUpdates', { timeout: 1 });
    expect(empty).toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);

    const t0 = performance.now();
    const polling = api('getUpdates', { timeout: 10 });
    setTimeout(() => sandbox.control.sendText({ userId: erin.id, text: 'wake up' }), 200);
    const woke = await polling;
    expect((woke.body.result as TgUpdate[]).map((u) => ('message' in u ? u.message.text : ''))).toEqual(['wake up']);
    expect(performance.now() - t0).toBeLessThan(3_000);
  });

  it('answers 409 to a long poll a newer getUpdates call supersedes', async () => {
    const first = api('getUpdates', { timeout: 5 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = api('getUpdates', { timeout: 1 });
    expect((await first).body).toEqual({
      ok: false,
      error_code: 409,
      description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    });
    expect((await second).status).toBe(200);
  });

  it('leaves chat_member out unless allowed_updates asks for it', async () => {
    const owner = sandbox.control.createUser({ firstName: 'Owner' });
    const fay = sandbox.control.createUser({ firstName: 'Fay' });
    const channel = sandbox.control.createChannel({ ownerId: owner.id, title: 'Paid' });
    sandbox.control.promoteBot({ chatId: channel.id });
    sandbox.control.addMember({ chatId: channel.id, userId: fay.id });
    const byDefault = (await ok('getUpdates', { allowed_updates: [] })) as TgUpdate[];
    expect(byDefault.map((u) => Object.keys(u)[1])).toEqual(['my_chat_member']);
    const asked = (await ok('getUpdates', { allowed_updates: ['chat_member', 'my_chat_member'] })) as TgUpdate[];
    expect(asked.map((u) => Object.keys(u)[1])).toEqual(['my_chat_member', 'chat_member']);
    await ok('getUpdates', { offset: asked.at(-1)!.update_id + 1, allowed_updates: [] });
  });
});

describe('webhook', () => {
  type Received = { secret: string | undefined; update: TgUpdate };
  const received: Received[] = [];
  let failures = 0;
  let hookUrl = '';
  let server: ReturnType<typeof serve> | undefined;

  beforeAll(async () => {
    const hook = new Hono();
    hook.post('/hook', async (c) => {
      const update = (await c.req.json()) as TgUpdate;
      if (failures > 0) {
        failures -= 1;
        return c.text('busy', 503);
      }
      received.push({ secret: c.req.header(SECRET_TOKEN_HEADER), update });
      // Reply to the webhook with a method call, as grammY's webhookReply does.
      if ('message' in update && update.message.text === 'echo') {
        return c.json({ method: 'sendMessage', chat_id: update.message.chat.id, text: 'echoed' });
      }
      return c.text('ok');
    });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: hook.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
        hookUrl = `http://127.0.0.1:${info.port}/hook`;
        resolve();
      });
    });
  });
  afterAll(() => new Promise((resolve) => server?.close(resolve)));

  const waitFor = async (probe: () => boolean) => {
    for (let i = 0; i < 200 && !probe(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(probe()).toBe(true);
  };

  it('posts updates with the secret header, retries non-2xx, and blocks getUpdates with 409', async () => {
    const gus = sandbox.control.createUser({ firstName: 'Gus' });
    expect((await api('setWebhook', { url: hookUrl, secret_token: 'hook-Secret_1' })).body).toEqual({
      ok: true,
      result: true,
      description: 'Webhook was set',
    });
    expect(await api('getUpdates')).toEqual({
      status: 409,
      body: {
        ok: false,
        error_code: 409,
        description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      },
    });
    failures = 2;
    sandbox.control.sendText({ userId: gus.id, text: 'echo' });
    await waitFor(() => received.length === 1);
    expect(received[0]).toMatchObject({ secret: 'hook-Secret_1', update: { message: { text: 'echo' } } });
    const echoes = () => sandbox.webhookDeliveries.filter((d) => 'message' in d.update && d.update.message.text === 'echo');
    // The hook has the update before the sandbox has its answer: wait for the delivery's record too.
    await waitFor(() => echoes().some((d) => d.httpStatus === 200));
    const attempts = echoes();
    expect(attempts.map((d) => d.httpStatus)).toEqual([503, 503, 200]);
    await waitFor(() => sandbox.control.botMessages(gus.id).length === 1);
    expect(sandbox.control.botMessages(gus.id)[0]?.text).toBe('echoed');
    const info = (await ok('getWebhookInfo')) as Record<string, unknown>;
    expect(info).toMatchObject({ url: hookUrl, pending_update_count: 0, has_custom_certificate: false });
    expect((await api('setWebhook', { url: hookUrl, secret_token: 'not allowed!' })).body.description).toBe(
      'Bad Request: secret token contains unallowed characters',
    );
    expect((await api('deleteWebhook')).body).toMatchObject({ ok: true, result: true, description: 'Webhook was deleted' });
    expect((await api('getUpdates')).status).toBe(200);
  });

  it('deleteWebhook drop_pending_updates forgets what the webhook could not deliver', async () => {
    const hal = sandbox.control.createUser({ firstName: 'Hal' });
    failures = 1_000;
    await ok('setWebhook', { url: hookUrl });
    const before = sandbox.webhookDeliveries.length;
    sandbox.control.sendText({ userId: hal.id, text: 'stuck' });
    await waitFor(() => sandbox.webhookDeliveries.slice(before).some((d) => d.httpStatus === 503));
    expect(((await ok('getWebhookInfo')) as { last_error_message?: string }).last_error_message).toBe(
      'Wrong response from the webhook: 503 Service Unavailable',
    );
    await ok('deleteWebhook', { drop_pending_updates: true });
    failures = 0;
    expect(await ok('getUpdates')).toEqual([]);
  });
});

describe('control API over HTTP', () => {
  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}/sandbox${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> & { userId: number; status: string }[] };
  };

  it('drives a whole join through /sandbox routes and inspects the result', async () => {
    const owner = await control('POST', '/users', { firstName: 'Owner', username: 'owner1' });
    expect(owner.status).toBe(201);
    const ownerId = owner.body.id as number;
    const user = (await control('POST', '/users', { firstName: 'Ivan' })).body.id as number;
    const chat = await control('POST', '/chats', { ownerId, title: 'Gamma' });
    expect(chat).toMatchObject({ status: 201, body: { type: 'channel', title: 'Gamma', ownerId } });
    const chatId = chat.body.id as number;
    expect((await control('PUT', `/chats/${chatId}/bot`, { rights: { can_invite_users: true } })).status).toBe(200);
    const link = (await ok('createChatInviteLink', { chat_id: chatId, member_limit: 1 })) as { invite_link: string };
    expect((await control('POST', `/users/${user}/joins`, { inviteLink: link.invite_link })).body).toMatchObject({ outcome: 'joined' });
    expect((await control('POST', `/users/${user}/joins`, { inviteLink: link.invite_link })).body).toEqual({ outcome: 'refused', reason: 'already_member' });
    const members = await control('GET', `/chats/${chatId}/members`);
    expect(members.body.map((m) => [m.userId, m.status])).toEqual([
      [ownerId, 'creator'],
      [sandbox.botId, 'administrator'],
      [user, 'member'],
    ]);
    expect((await control('GET', `/chats/${chatId}/invite-links`)).body).toMatchObject([{ inviteLink: link.invite_link, memberCount: 1, joinCount: 1 }]);
    expect((await control('POST', `/users/${user}/messages`, { text: '/help' })).body).toMatchObject({ message: { text: '/help' } });
    expect((await control('POST', '/users/1/messages', { text: 'x' })).status).toBe(404);
    expect((await control('POST', `/users/${user}/messages`, { nope: 1 })).status).toBe(400);
    expect((await control('POST', '/faults', { method: 'sendMessage', kind: 'rate_limit', retryAfter: 3 })).status).toBe(200);
    expect((await api('sendMessage', { chat_id: user, text: 'x' })).status).toBe(429);
    expect((await control('GET', '/calls?method=sendMessage')).body.at(-1)).toMatchObject({ ok: false, errorCode: 429 });
    expect((await control('DELETE', `/chats/${chatId}/bot?to=left`)).status).toBe(200);
    expect((await api('createChatInviteLink', { chat_id: chatId })).body.description).toBe('Forbidden: bot is not a member of the channel chat');
  });
});

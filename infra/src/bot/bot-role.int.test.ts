import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelCodeForChat, SECRET_HEADER } from '@paygate/bot';
import { createTestDatabase, waitFor, type TestDatabase } from '@paygate/testkit';
import { loadConfig } from '../config/index.ts';
import { createLogger } from '../logging/index.ts';
import { findFreePort, startPayGate, type RunningPayGate } from '../runtime/index.ts';
import { TELEGRAM_SANDBOX_PATH } from './telegram-setup.ts';

type Message = { messageId: number; text: string; fromId: number; replyMarkup?: { inline_keyboard: { text: string; url?: string; callback_data?: string }[][] } };

const lines: { level: number; msg: string }[] = [];
const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) } });

let db: TestDatabase;
let running: RunningPayGate;
let sandbox: string;

const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  const response = await fetch(`${sandbox}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};
const botMessages = async (userId: number) => (await call<Message[]>('GET', `/sandbox/chats/${userId}/messages`)).filter((message) => message.fromId !== userId);
const nth = (userId: number, count: number) => waitFor(`message ${count} to ${userId}`, async () => (await botMessages(userId))[count - 1], { timeoutMs: 20_000 });

beforeAll(async () => {
  db = await createTestDatabase('paygate_bot_role');
  // A fixed port: the payment flow (created by the workers role before the api listens) takes its IPN callback URL from it.
  const port = await findFreePort();
  const config = loadConfig({ DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', PAYGATE_DATA_DIR: `/tmp/paygate-bot-role-${process.pid}` });
  // No TELEGRAM_BOT_TOKEN: the bot talks to the simulator the api role mounts, polling in the background.
  running = await startPayGate({ config, roles: ['projector', 'relay', 'workers', 'bot', 'api'], logger });
  sandbox = `${running.url}${TELEGRAM_SANDBOX_PATH}`;
});
afterAll(async () => {
  await running?.stop();
  await db?.drop();
});

describe('the bot role (sandbox mode, in one process with every other role)', () => {
  it('an owner registers a channel and prices a tier; a subscriber opens the share link and gets a pay button for a recorded invoice', async () => {
    const owner = await call<{ id: number }>('POST', '/sandbox/users', { firstName: 'Olga', startedBot: true });
    const chat = await call<{ id: number }>('POST', '/sandbox/chats', { ownerId: owner.id, title: 'Role channel' });
    await call('PUT', `/sandbox/chats/${chat.id}/bot`, {});
    const code = channelCodeForChat(String(chat.id));
    expect((await nth(owner.id, 1)).text).toContain(`https://t.me/paygate_sandbox_bot?start=${code}`);

    // The owner's channel list comes from the channels read model (the projector role).
    await waitFor('channel projected', async () => (await running.platform.pool.query('SELECT 1 FROM read_model.channels WHERE channel_id = $1', [code])).rowCount === 1);
    await call('POST', `/sandbox/users/${owner.id}/messages`, { text: '/addtier Monthly 9.99 30' });
    expect((await nth(owner.id, 2)).text).toContain('Tier "Monthly" added');

    const subscriber = await call<{ id: number }>('POST', '/sandbox/users', { firstName: 'Sue' });
    await call('POST', `/sandbox/users/${subscriber.id}/messages`, { text: `/start ${code}` });
    const offer = await nth(subscriber.id, 1);
    const plan = offer.replyMarkup?.inline_keyboard.flat()[0];
    expect(plan?.text).toBe('Monthly — 9.99 USD for 30 days');
    await call('POST', `/sandbox/users/${subscriber.id}/callbacks`, { messageId: offer.messageId, data: plan?.callback_data });
    const invoice = await nth(subscriber.id, 2);
    const pay = invoice.replyMarkup?.inline_keyboard.flat()[0];
    expect(pay?.text).toBe('Pay 9.99 USD');
    // The NOWPayments sandbox the same api role serves.
    expect(pay?.url).toContain(`${running.url}/sandbox/nowpayments/`);
    const invoiceId = /Invoice (inv_[0-9a-f]{24})/.exec(invoice.text)?.[1];
    expect((await running.platform.eventStore.readStream(`invoice-${invoiceId}`)).map((event) => event.type)).toEqual(['InvoiceCreated', 'InvoiceLinked']);

    // Paid in the NOWPayments sandbox: the workers' access manager DMs a personal link; the join
    // request through it comes back through the bot and is approved.
    const paid = await fetch(`${running.url}/sandbox/nowpayments/sandbox/invoices/${invoiceId}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'finished' }),
    });
    expect(paid.status).toBe(200);
    const access = await nth(subscriber.id, 3);
    expect(access.text).toContain('Your subscription to "Role channel" is active');
    const inviteLink = /(https:\/\/t\.me\/\+\S+)/.exec(access.text)?.[1];
    expect(inviteLink).toBeDefined();
    expect((await call<{ outcome: string }>('POST', `/sandbox/users/${subscriber.id}/joins`, { inviteLink })).outcome).toBe('requested');
    await waitFor('the subscriber is a member', async () => {
      const members = await call<{ userId: number; status: string }[]>('GET', `/sandbox/chats/${chat.id}/members`);
      return members.some((member) => member.userId === subscriber.id && member.status === 'member');
    }, { timeoutMs: 20_000 });
    const streamTypes = (await running.platform.eventStore.readStream(`subscription-${code}-${subscriber.id}`)).map((event) => event.type);
    expect(streamTypes).toEqual(expect.arrayContaining(['AccessGranted', 'SubscriptionStarted', 'JoinRequestApproved']));
  });

  it('has no POST /webhooks/telegram while the bot polls (nothing to forge updates into)', async () => {
    const response = await fetch(`${running.url}/webhooks/telegram`, { method: 'POST', headers: { [SECRET_HEADER]: 'wrong', 'content-type': 'application/json' }, body: '{"update_id":1}' });
    expect(response.status).toBe(404);
  });

  it('logs no error while running', () => {
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  });
});

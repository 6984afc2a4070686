import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capInvoiceCreation, channelCodeForChat, INVOICE_CAP_KEY, type InvoicePort } from '@paygate/bot';
import { createInvoiceCommands } from '@paygate/commands';
import { channelStreamId } from '@paygate/domain';
import { createNowPaymentsClient, createNowPaymentsSandbox } from '@paygate/gateways';
import type { RateLimiter } from '@paygate/http';
import { waitFor } from '@paygate/testkit';
import { startBotHarness, type BotHarness } from '../bot/test-support/bot-harness.ts';
import { createPool } from '../postgres/index.ts';
import { createPostgresRateLimiter, migrateRateLimitTable } from './index.ts';

// The bot's cap on invoices for all users, counted in PostgreSQL: another bot process spends
// part of it, and the user who finds it spent is told when to try again.
const ready = async () => {};
const nowPayments = createNowPaymentsSandbox({ ipnSecret: 'invoice-cap-ipn', apiKey: 'invoice-cap-key' });
let nowPaymentsServer: { url: string; close(): Promise<void> };
let invoices: InvoicePort | undefined;
let capOfThisProcess: RateLimiter | undefined;
let h: BotHarness;
const cap = (pool: BotHarness['pool']) => createPostgresRateLimiter({ pool, ready, name: 'bot-invoices', points: 2, durationSeconds: 60 });

beforeAll(async () => {
  nowPaymentsServer = await nowPayments.listen(0);
  // The cap and the invoice commands need the harness's database, which exists once the bot does.
  h = await startBotHarness({
    deps: {
      invoices: capInvoiceCreation({ take: (key) => capOfThisProcess!.take(key) }, { createInvoice: (input) => invoices!.createInvoice(input) }),
    },
  });
  await migrateRateLimitTable(h.pool);
  capOfThisProcess = cap(h.pool);
  invoices = createInvoiceCommands({
    eventStore: h.eventStore,
    nowPayments: createNowPaymentsClient({ apiUrl: nowPaymentsServer.url, apiKey: 'invoice-cap-key', timeoutMs: 5_000 }),
    publicUrl: 'http://127.0.0.1:9',
    clock: () => new Date(),
  });
});
afterAll(async () => {
  await h?.close();
  await nowPaymentsServer?.close();
});

const buttonsOf = (message: { replyMarkup?: { inline_keyboard: { text: string; callback_data?: string }[][] } }) => message.replyMarkup?.inline_keyboard.flat() ?? [];

describe('invoice cap for all users', () => {
  it('counts invoices across bot processes and tells the user who hits it when to try again', async () => {
    const control = h.telegram.control;
    const owner = control.createUser({ firstName: 'Olga', startedBot: true });
    const chat = control.createChannel({ ownerId: owner.id, title: 'Busy channel' });
    control.promoteBot({ chatId: chat.id });
    const channelId = channelCodeForChat(String(chat.id));
    await waitFor('channel registered', async () => (await h.eventStore.readStream(channelStreamId(channelId))).some((e) => e.type === 'ChannelRegistered'));
    await waitFor('channel projected', async () => (await h.pool.query('SELECT 1 FROM read_model.channels WHERE channel_id = $1', [channelId])).rowCount === 1);
    control.sendText({ userId: owner.id, text: '/addtier Monthly 9.99 30' });
    await h.nthMessage(owner.id, 2);

    // Another bot process (its own pool) created one invoice this minute.
    const otherProcess = createPool(h.db.url, { max: 1 });
    try {
      expect((await cap(otherProcess).take(INVOICE_CAP_KEY)).allowed).toBe(true);
    } finally {
      await otherProcess.end();
    }

    const buy = async (firstName: string) => {
      const user = control.createUser({ firstName });
      control.sendText({ userId: user.id, text: `/start ${channelId}` });
      const offer = await h.nthMessage(user.id, 1);
      control.pressButton({ userId: user.id, messageId: offer.messageId, data: buttonsOf(offer)[0]!.callback_data! });
      return (await h.nthMessage(user.id, 2)).text;
    };
    expect(await buy('Ann')).toContain('Pay with the button below');
    const refused = await buy('Ben');
    expect(refused).toMatch(/Many people are buying right now\. Please try again in \d+ seconds/);
    const seconds = Number(/in (\d+) seconds?/.exec(refused)?.[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
  });
});

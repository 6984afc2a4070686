import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelCodeForChat } from '@paygate/bot';
import { donationsStreamId, formatMoney, invoiceStreamId, paymentStreamId, splitStreamId, type MoneyJson, type RecordedEvent } from '@paygate/domain';
import type { SandboxMessage, TelegramSandboxControl } from '@paygate/gateways';
import { createTestDatabase, testNatsUrl, uniqueName, waitFor, type TestDatabase } from '@paygate/testkit';
import { loadConfig } from '../config/index.ts';
import { createLogger } from '../logging/index.ts';
import { deleteStreams } from '../relay/test-support/jetstream-contents.ts';
import { startPayGate, type RunningPayGate } from '../runtime/index.ts';
import { buttonsOf, createInbox, createJourneyDriver, type JourneyDriver } from './test-support/journey-world.ts';

// Donations end to end: one process runs every role (api with both sandboxes, relay, projector,
// workers, bot) over a fresh PostgreSQL and real NATS. The owner sets donations up through the bot,
// donors give through the Donate button's deep link and pay in the NOWPayments sandbox.
const FEE_BPS = 500;
const stream = uniqueName('E2E_DON');
const lines: { level: number; msg: string }[] = [];
const logger = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line) as { level: number; msg: string }) } });

let db: TestDatabase;
let running: RunningPayGate;
let tg: TelegramSandboxControl;
let pg: JourneyDriver;
let inbox: ReturnType<typeof createInbox>;

// What the steps learn as they go (they run in order).
const world = {} as { owner: number; chat: number; channelId: string; donateMessageId: number; quill: number; oldOffer: SandboxMessage; oldNameChoice: SandboxMessage };

const TITLE = 'Gamma research';
const dataOf = <T>(events: RecordedEvent[], type: string) => events.filter((event) => event.type === type).map((event) => event.data as T);
const allEvents = () => running.platform.eventStore.readAll();
const ipnsOf = (invoiceId: string) =>
  pg.http<{ status: string; url: string; body: string; signature: string }[]>('/sandbox/nowpayments/sandbox/ipns').then((ipns) => ipns.filter((ipn) => JSON.parse(ipn.body).order_id === invoiceId));

beforeAll(async () => {
  db = await createTestDatabase('e2e_don');
  const config = loadConfig({
    DATABASE_URL: db.url,
    NATS_URL: testNatsUrl(),
    NATS_STREAM: stream,
    NATS_SUBJECT_PREFIX: `test.${stream.toLowerCase()}`,
    PORT: '0',
    HOST: '127.0.0.1',
    PAYGATE_DATA_DIR: `/tmp/paygate-e2e-don-${process.pid}`,
    PLATFORM_FEE_BPS: String(FEE_BPS),
    // No TELEGRAM_BOT_TOKEN, no NOWPAYMENTS_API_URL: the api role serves both sandboxes.
  });
  running = await startPayGate({ config, logger });
  tg = running.paygate.telegram.sandbox!.control;
  pg = createJourneyDriver(running, running.paygate.bot.secretToken, running.paygate.bot.webhook);
  inbox = createInbox(tg);
}, 60_000);

afterAll(async () => {
  await running?.stop();
  await deleteStreams(testNatsUrl(), stream, `${stream}_DEAD`, `${stream}_REPLAY`);
  await db?.drop();
});

/** The bot's messages in the paid channel that look like the Donate message (live or paused). */
const donateMessages = () => tg.botMessages(world.chat).filter((message) => message.text.includes(TITLE));
/** The owner sends a command and waits for the bot's next answer. */
const ownerSays = async (text: string) => {
  const seen = inbox.all(world.owner).length;
  tg.sendText({ userId: world.owner, text });
  return waitFor(`the answer to ${text}`, () => inbox.all(world.owner)[seen], { timeoutMs: 20_000 });
};
/** A user's next bot message after `seen` of them. */
const next = (userId: number, seen: number) => waitFor(`message ${seen + 1} to ${userId}`, () => inbox.all(userId)[seen], { timeoutMs: 20_000 });
const press = (userId: number, message: SandboxMessage, text: string) => {
  const button = buttonsOf(message).find((candidate) => candidate.text === text);
  if (!button?.callback_data) throw new Error(`no button ${text} in ${JSON.stringify(message.replyMarkup)}`);
  return tg.pressButton({ userId, messageId: message.messageId, data: button.callback_data });
};
const invoiceIdIn = (message: SandboxMessage) => /\(Invoice (inv_[0-9a-f]{24})\)/.exec(message.text)![1]!;

describe('donations, end to end: /donations → pinned Donate message → deep link → amount → NOWPayments sandbox → DonationReceived → split → balance', () => {
  it('an owner turns donations on: a pinned Donate message with the deep link, edited in place, posted and pinned again once deleted', async () => {
    const owner = tg.createUser({ firstName: 'Olga', startedBot: true });
    const chat = tg.createChannel({ ownerId: owner.id, title: TITLE });
    tg.promoteBot({ chatId: chat.id });
    const channelId = channelCodeForChat(String(chat.id));
    Object.assign(world, { owner: owner.id, chat: chat.id, channelId });
    await inbox.wait(owner.id, /is registered/);
    await waitFor('channel projected', async () => (await running.platform.pool.query('SELECT 1 FROM read_model.channels WHERE channel_id = $1', [channelId])).rowCount === 1);

    expect((await ownerSays('/donations on')).text).toContain(`Donations to "${TITLE}" are on.`);
    const [posted, ...others] = donateMessages();
    expect(others).toEqual([]);
    expect(posted).toMatchObject({ pinned: true, text: expect.stringContaining('Suggested: 5.00 USD, 10.00 USD, 25.00 USD') });
    expect(buttonsOf(posted!)).toEqual([{ text: 'Donate', url: `https://t.me/paygate_sandbox_bot?start=donate_${channelId}` }]);

    // New amounts: the same message, edited, still pinned.
    expect((await ownerSays('/donations presets 5 10 20')).text).toContain('Amounts offered: 5.00 USD, 10.00 USD, 20.00 USD');
    expect(donateMessages()).toEqual([expect.objectContaining({ messageId: posted!.messageId, pinned: true, text: expect.stringContaining('10.00 USD, 20.00 USD') })]);
    expect(buttonsOf(donateMessages()[0]!)).toHaveLength(1);

    // Someone deletes it: the next change posts and pins a new one, and records it.
    tg.deleteMessage({ chatId: chat.id, messageId: posted!.messageId });
    expect(donateMessages()).toEqual([]);
    await ownerSays('/donations presets 5 10 25');
    const [reposted, ...more] = donateMessages();
    expect(more).toEqual([]);
    expect(reposted!.messageId).not.toBe(posted!.messageId);
    expect(reposted).toMatchObject({ pinned: true, text: expect.stringContaining('Suggested: 5.00 USD, 10.00 USD, 25.00 USD') });
    expect(buttonsOf(reposted!)).toEqual([{ text: 'Donate', url: `https://t.me/paygate_sandbox_bot?start=donate_${channelId}` }]);
    world.donateMessageId = reposted!.messageId;
    const settings = await pg.stream(donationsStreamId(channelId));
    expect(dataOf(settings, 'DonationMessagePosted')).toMatchObject([
      { chatId: String(chat.id), messageId: posted!.messageId },
      { chatId: String(chat.id), messageId: reposted!.messageId },
    ]);
    expect(dataOf(settings, 'DonationsConfigured')).toHaveLength(3);
  });

  it('a donor opens the deep link, types refused amounts then 12.50, shows their name and pays: DonationReceived, split, owner balance, DMs; no access; a redelivered IPN changes nothing', async () => {
    const { owner, chat, channelId } = world;
    const dana = tg.createUser({ firstName: 'Dana', lastName: 'Donor' }).id;
    tg.sendText({ userId: dana, text: `/start donate_${channelId}` });
    const offer = await next(dana, 0);
    expect(offer.text).toBe(`Support "${TITLE}": pick an amount.`);
    expect(buttonsOf(offer).map((button) => button.text)).toEqual(['5.00 USD', '10.00 USD', '25.00 USD', 'Other amount']);
    press(dana, offer, 'Other amount');
    expect((await next(dana, 1)).text).toContain('from 1.00 USD to 10000.00 USD');
    tg.sendText({ userId: dana, text: '0.5' });
    expect((await next(dana, 2)).text).toContain('the minimum donation is 1.00 USD');
    tg.sendText({ userId: dana, text: '12.345' });
    expect((await next(dana, 3)).text).toContain('at most 2 decimals');
    tg.sendText({ userId: dana, text: '12.50' });
    const nameChoice = await next(dana, 4);
    expect(nameChoice.text).toBe(`12.50 USD to "${TITLE}". Show your name to the owner?`);
    press(dana, nameChoice, 'Show my name');
    const invoiceMessage = await next(dana, 5);
    const [pay] = buttonsOf(invoiceMessage);
    expect(pay).toMatchObject({ text: 'Pay 12.50 USD', url: expect.stringContaining(`${pg.url}/sandbox/nowpayments/`) });
    const invoiceId = invoiceIdIn(invoiceMessage);
    const invoice = await pg.stream(invoiceStreamId(invoiceId));
    expect(invoice.map((event) => event.type)).toEqual(['DonationInvoiceCreated', 'InvoiceLinked']);
    expect(invoice[0]!.data).toMatchObject({ channelId, donorId: String(dana), amount: { amount: '1250', currency: 'USD', decimals: 2 }, showName: true, donorName: 'Dana Donor' });

    // Every IPN of the payment arrives twice.
    const paid = await pg.pay(invoiceId, { duplicate: true });
    expect(paid.statuses.at(-1)).toBe('finished');
    const paymentId = String(paid.paymentId);
    const ownerDm = await inbox.wait(owner, /New donation of/);
    expect(ownerDm.text).toMatch(new RegExp(`^New donation of 12\\.50 USD to "${TITLE}" from Dana Donor \\(`));
    expect((await inbox.wait(dana, /Thank you!/)).text).toBe(`Thank you! Your donation of 12.50 USD to "${TITLE}" arrived.`);

    const payment = await pg.stream(paymentStreamId(paymentId));
    expect(payment.map((event) => event.type).filter((type) => type !== 'PaymentStatusRecorded')).toEqual(['DonationReceived']);
    const [received] = dataOf<{ outcome: MoneyJson; donorName?: string }>(payment, 'DonationReceived');
    expect(received).toMatchObject({ invoiceId, channelId, donorId: String(dana), showName: true, donorName: 'Dana Donor' });
    const splits = await waitFor('the split', async () => {
      const found = await pg.stream(splitStreamId(paymentId));
      return found.length > 0 ? found : undefined;
    });
    expect(splits.map((event) => event.type)).toEqual(['SplitCalculated']);
    const split = splits[0]!.data as { gross: MoneyJson; fee: MoneyJson; ownerShare: MoneyJson; feeBps: number };
    expect(split.gross).toEqual(received!.outcome);
    const gross = BigInt(split.gross.amount);
    expect(split.feeBps).toBe(FEE_BPS);
    expect(BigInt(split.fee.amount)).toBe((gross * BigInt(FEE_BPS)) / 10_000n);
    expect(BigInt(split.ownerShare.amount)).toBe(gross - BigInt(split.fee.amount));
    expect(split.ownerShare.currency).toBe(split.gross.currency);

    // The owner's balance is the owner share, exactly, in the read model and in the bot's /balance.
    const share = { amount: BigInt(split.ownerShare.amount), currency: split.ownerShare.currency, decimals: split.ownerShare.decimals };
    await waitFor('the balance projected', async () => {
      const { rows } = await running.platform.pool.query<{ pending: string; received: string; owner_id: string }>(
        'SELECT pending::text, received::text, owner_id FROM read_model.owner_balances WHERE channel_id = $1 AND currency = $2',
        [channelId, share.currency],
      );
      return rows[0]?.pending === String(share.amount) && rows[0].received === String(gross) && rows[0].owner_id === String(owner);
    });
    expect((await ownerSays('/balance')).text).toContain(`"${TITLE}" (${share.currency}): ${formatMoney(share)} ${share.currency} waiting to be paid out`);

    // A donation grants nothing: no PaymentReceived, no subscription, no invite link.
    const everything = await allEvents();
    expect(everything.filter((event) => event.type === 'PaymentReceived' || event.type === 'AccessGranted' || event.streamId.startsWith('subscription-'))).toEqual([]);
    expect(tg.inviteLinks(chat).filter((link) => !link.isPrimary)).toEqual([]);
    expect(inbox.all(dana).filter((message) => /t\.me\/\+/.test(message.text))).toEqual([]);

    // A late copy of the signed `finished` IPN: nothing appended, nobody told twice.
    // Once the donation has settled (thanks and notice recorded, the share accumulated for a payout):
    const settled = ['DonorThanked', 'OwnerNotified', 'PayoutAccumulated'];
    const before = await waitFor('the donation settled', async () => {
      const found = await allEvents();
      return settled.every((type) => found.some((event) => event.type === type)) ? found.length : undefined;
    });
    const finished = (await ipnsOf(invoiceId)).find((ipn) => ipn.status === 'finished')!;
    const late = await fetch(finished.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-nowpayments-sig': finished.signature }, body: finished.body });
    expect(late.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await allEvents()).length).toBe(before);
    expect(inbox.matching(owner, /New donation of/)).toHaveLength(1);
    expect(inbox.matching(dana, /Thank you!/)).toHaveLength(1);
  });

  it('an anonymous donation (a preset, "Stay anonymous"): the owner is told the amount only and no event holds the name', async () => {
    const { owner, channelId } = world;
    const quill = tg.createUser({ firstName: 'Quentin', lastName: 'Quillfeather' }).id;
    world.quill = quill;
    tg.sendText({ userId: quill, text: `/start donate_${channelId}` });
    const offer = await next(quill, 0);
    press(quill, offer, '10.00 USD');
    const nameChoice = await next(quill, 1);
    Object.assign(world, { oldOffer: offer, oldNameChoice: nameChoice });
    press(quill, nameChoice, 'Stay anonymous');
    const invoiceMessage = await next(quill, 2);
    expect(invoiceMessage.text).toContain(`Your donation of 10.00 USD to "${TITLE}", anonymous.`);
    const invoiceId = invoiceIdIn(invoiceMessage);
    const [created] = await pg.stream(invoiceStreamId(invoiceId));
    expect(created).toMatchObject({ type: 'DonationInvoiceCreated', data: { showName: false, amount: { amount: '1000' } } });
    expect(created!.data).not.toHaveProperty('donorName');

    const { paymentId } = await pg.pay(invoiceId);
    const ownerDm = await inbox.wait(owner, /New donation of/, 2);
    expect(ownerDm.text).toMatch(new RegExp(`^New donation of 10\\.00 USD to "${TITLE}" \\(`));
    expect(ownerDm.text).not.toMatch(/Quentin|Quillfeather| from /);
    await inbox.wait(quill, /Thank you!/);
    const [received] = dataOf<object>(await pg.stream(paymentStreamId(String(paymentId))), 'DonationReceived');
    expect(received).toMatchObject({ showName: false });
    expect(received).not.toHaveProperty('donorName');
    await waitFor('the split', async () => (await pg.types(splitStreamId(String(paymentId)))).includes('SplitCalculated'));
    // Nowhere in the log: not in any event's data or metadata.
    const log = JSON.stringify(await allEvents(), (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value));
    expect(log).toContain(invoiceId);
    expect(log).not.toMatch(/Quentin|Quillfeather/);
  });

  it('/donations off: the Donate message says paused without a button; old buttons and the deep link are told so, and nothing is created', async () => {
    const { chat, channelId, quill, oldOffer, oldNameChoice } = world;
    expect((await ownerSays('/donations off')).text).toContain(`Donations to "${TITLE}" are paused.`);
    const [paused, ...others] = donateMessages();
    expect(others).toEqual([]);
    expect(paused).toMatchObject({ messageId: world.donateMessageId, text: `Donations to "${TITLE}" are paused for now.` });
    expect(buttonsOf(paused!)).toEqual([]);
    expect(tg.botMessages(chat).flatMap(buttonsOf).filter((button) => button.url?.includes('donate_'))).toEqual([]);

    const events = (await allEvents()).length;
    const seen = inbox.all(quill).length;
    press(quill, oldOffer, '25.00 USD');
    expect((await next(quill, seen)).text).toBe(`"${TITLE}" does not take donations right now.`);
    press(quill, oldNameChoice, 'Show my name');
    expect((await next(quill, seen + 1)).text).toBe(`"${TITLE}" does not take donations right now.`);
    tg.sendText({ userId: quill, text: `/start donate_${channelId}` });
    expect((await next(quill, seen + 2)).text).toBe(`"${TITLE}" does not take donations right now.`);
    expect((await allEvents()).length).toBe(events);
    expect(inbox.all(quill)).toHaveLength(seen + 3);
  });

  it('logged no error on the way', () => {
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  });
});

import { broadcastDeliveryStreamId, broadcastsStreamId, type RecordedEvent } from '@paygate/domain';
import type { SandboxMessage, TelegramSandboxControl } from '@paygate/gateways';
import { testNatsUrl, waitFor, type TestDatabase } from '@paygate/testkit';
import { loadConfig } from '../../config/index.ts';
import { createLogger } from '../../logging/index.ts';
import { startPayGate, type RunningPayGate } from '../../runtime/index.ts';
import { buttonsOf, createInbox, createJourneyDriver, type JourneyDriver, type TestClock } from './journey-world.ts';

export type LogLine = { level: number; msg: string };

/** One running PayGate (every role, both sandboxes on its api) and the handles a test drives it by. */
export type BroadcastWorld = {
  running: RunningPayGate;
  tg: TelegramSandboxControl;
  pg: JourneyDriver;
  inbox: ReturnType<typeof createInbox>;
};

/**
 * Starts PayGate over the test's database, NATS stream and data dir (so a second start is a
 * restart of the same installation: same event log, same simulated Telegram world), on the test
 * clock, with `env` on top of the defaults (e.g. a slower Telegram pacer).
 */
export const startBroadcastWorld = async (input: {
  db: TestDatabase;
  stream: string;
  dataDir: string;
  clock: TestClock;
  lines: LogLine[];
  env?: Record<string, string>;
}): Promise<BroadcastWorld> => {
  const { stream } = input;
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => void input.lines.push(JSON.parse(line) as LogLine) } });
  const config = loadConfig({
    DATABASE_URL: input.db.url,
    NATS_URL: testNatsUrl(),
    NATS_STREAM: stream,
    NATS_SUBJECT_PREFIX: `test.${stream.toLowerCase()}`,
    PORT: '0',
    HOST: '127.0.0.1',
    PAYGATE_DATA_DIR: input.dataDir,
    BROADCAST_CHECK_SECONDS: '1',
    ...input.env,
  });
  const running = await startPayGate({ config, logger, platform: { clock: input.clock.now } });
  const tg = running.paygate.telegram.sandbox!.control;
  return { running, tg, pg: createJourneyDriver(running, running.paygate.bot.secretToken, running.paygate.bot.webhook), inbox: createInbox(tg) };
};

/** "HH:MM" and "YYYY-MM-DD" of an instant on Berlin's wall clock. */
export const berlinWallTime = (at: Date): { time: string; date: string } => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return { time: `${parts.hour}:${parts.minute}`, date: `${parts.year}-${parts.month}-${parts.day}` };
};

/** Reads streams; the test's own reader outlives each PayGate it starts and stops. */
export type StreamReader = { stream(streamId: string): Promise<RecordedEvent[]> };

export const dataOf = <T>(events: readonly RecordedEvent[], type: string): T[] => events.filter((event) => event.type === type).map((event) => event.data as T);

/** The broadcasts of a channel in the order they were drafted; the last one is the one just composed. */
export const draftedBroadcastIds = async (pg: StreamReader, channelId: string): Promise<string[]> =>
  dataOf<{ broadcastId: string }>(await pg.stream(broadcastsStreamId(channelId)), 'BroadcastDrafted').map((drafted) => drafted.broadcastId);

export type Delivery = {
  events: RecordedEvent[];
  recipients: string[];
  claimed: string[];
  sent: { chatId: string; messageId: number }[];
  failed: { chatId: string; reason: string; permanent: boolean }[];
};

/** One occurrence's delivery stream, read back. */
export const deliveryOf = async (pg: StreamReader, broadcastId: string, occurrence: string): Promise<Delivery> => {
  const events = await pg.stream(broadcastDeliveryStreamId(broadcastId, occurrence));
  return {
    events,
    recipients: dataOf<{ chatIds: string[] }>(events, 'BroadcastRecipientsListed').flatMap((listed) => listed.chatIds),
    claimed: dataOf<{ chatIds: string[] }>(events, 'BroadcastDeliveryClaimed').flatMap((claim) => claim.chatIds),
    sent: dataOf(events, 'BroadcastSent'),
    failed: dataOf(events, 'BroadcastFailed'),
  };
};

/** The occurrences of a broadcast that started and that completed, from the channel's broadcasts stream. */
export const occurrencesOf = async (pg: StreamReader, channelId: string, broadcastId: string) => {
  const events = (await pg.stream(broadcastsStreamId(channelId))).filter((event) => (event.data as { broadcastId?: string }).broadcastId === broadcastId);
  return {
    started: dataOf<{ occurrence: string; recipients: number }>(events, 'BroadcastOccurrenceStarted'),
    completed: dataOf<{ occurrence: string; sent: number; failed: number; blocked: number }>(events, 'BroadcastOccurrenceCompleted'),
    scheduled: dataOf<{ nextAt: string; schedule: { kind: string } }>(events, 'BroadcastScheduled'),
  };
};

/** The bot's messages to a chat that carry `text` (a broadcast as its recipients see it). */
export const copiesOf = (tg: TelegramSandboxControl, chatId: number | string, text: string): SandboxMessage[] =>
  tg.botMessages(Number(chatId)).filter((message) => message.text === text);

/** Waits for the owner's bot message that matches, presses the button labelled `label` on it. */
export const pressOn = async (world: BroadcastWorld, userId: number, pattern: RegExp, label: string, count = 1): Promise<SandboxMessage> => {
  const message = await world.inbox.wait(userId, pattern, count);
  const button = buttonsOf(message).find((candidate) => candidate.text === label);
  if (!button?.callback_data) throw new Error(`no button ${JSON.stringify(label)} on ${JSON.stringify(message.text)}: ${JSON.stringify(buttonsOf(message))}`);
  world.tg.pressButton({ userId, messageId: message.messageId, data: button.callback_data });
  return message;
};

/**
 * Subscribers paid through the real payment path without the bot conversation: sandbox users who
 * started the bot, an invoice from the same invoice command the bot's plan button calls, paid in
 * the NOWPayments sandbox (IPNs → PaymentReceived → relay → access manager → SubscriptionStarted).
 * Resolves once every one of them is active in the subscriptions read model (what the audience reads).
 */
export const subscribeByCommand = async (world: BroadcastWorld, input: { channelId: string; tierId: string; count: number; firstName: string }): Promise<number[]> => {
  const { tg, pg, running } = world;
  const users = Array.from({ length: input.count }, (_, index) => tg.createUser({ firstName: `${input.firstName}${index + 1}`, startedBot: true }).id);
  const pay = async (userId: number) => {
    const { invoiceId } = await running.paygate.payments.invoices.createInvoice({ channelId: input.channelId, tierId: input.tierId, subscriberId: String(userId) });
    await pg.pay(invoiceId);
  };
  // A few at a time, as payments arrive in real life; all at once would only queue at the api.
  for (let at = 0; at < users.length; at += 20) await Promise.all(users.slice(at, at + 20).map(pay));
  await waitFor(
    `${input.count} ${input.firstName} subscriptions active`,
    async () => {
      const { rows } = await running.platform.pool.query<{ count: string }>(
        "SELECT count(*) FROM read_model.subscriptions WHERE channel_id = $1 AND status = 'active' AND subscriber_id = ANY($2)",
        [input.channelId, users.map(String)],
      );
      return Number(rows[0]!.count) === users.length;
    },
    { timeoutMs: 60_000, intervalMs: 100 },
  );
  return users;
};

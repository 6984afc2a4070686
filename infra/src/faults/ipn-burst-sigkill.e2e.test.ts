import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import type { EventStore } from '@paygate/domain';
import { STATUS_SEQUENCES } from '@paygate/gateways';
import { createTestDatabase, testNatsUrl, uniqueName, waitFor, type TestDatabase } from '@paygate/testkit';
import { SANDBOX_NOWPAYMENTS_IPN_SECRET } from '../config/index.ts';
import { cleanEnv, exitWithin, spawnPaygate, type PaygateProcess } from '../cli/test-support/spawn-paygate.ts';
import { createPostgresEventStore, migrateEventStore } from '../event-store/index.ts';
import { createPool } from '../postgres/index.ts';
import { deleteStreams, streamMessageIds } from '../relay/test-support/jetstream-contents.ts';
import { createIpnSender, ipnPayload, seedChannel, seedInvoices, signIpn, webhookUrlOf, type IpnSender, type TrafficInvoice } from './ipn-traffic.ts';

// Sandbox mode: the simulator's public secret is the only one PayGate accepts.
const IPN_SECRET = SANDBOX_NOWPAYMENTS_IPN_SECRET;
const INVOICES = 200;
const SOCKETS = 32;
const SEQUENCE = STATUS_SEQUENCES.finished; // waiting → confirming → confirmed → sending → finished

/** Where NOWPayments is with one payment: the index of the first status not yet answered 2xx. */
type Payment = { invoice: TrafficInvoice; next: number };
type Answered = { paymentId: string; status: string };

describe('SIGKILL paygate start during bursts of IPNs, then restart and let NOWPayments retry', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let eventStore: EventStore;
  let dataDir: string;
  let env: Record<string, string>;
  let server: PaygateProcess | undefined;
  const stream = uniqueName('IPNKILL');

  const start = async (): Promise<{ process: PaygateProcess; webhookUrl: string }> => {
    const started = spawnPaygate(['start'], env);
    server = started;
    const webhookUrl = await waitFor('paygate start listening', () => webhookUrlOf(started.stdout()) ?? (started.child.exitCode !== null && 'exited'), {
      timeoutMs: 60_000,
      intervalMs: 50,
    });
    if (webhookUrl === 'exited') throw new Error(`paygate start exited: ${started.stderr()}`);
    return { process: started, webhookUrl };
  };

  beforeAll(async () => {
    database = await createTestDatabase('ipn_sigkill');
    pool = createPool(database.url, { max: 8 });
    await migrateEventStore(pool);
    eventStore = createPostgresEventStore({ pool });
    dataDir = await mkdtemp(join(tmpdir(), 'paygate-ipn-sigkill-'));
    env = cleanEnv({
      DATABASE_URL: database.url,
      NATS_URL: testNatsUrl(),
      NATS_STREAM: stream,
      NATS_SUBJECT_PREFIX: `test.${stream.toLowerCase()}`,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PAYGATE_DATA_DIR: dataDir,
      PLATFORM_FEE_BPS: '250',
    });
  });

  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGTERM');
      await exitWithin(server.exited, 30_000, 'paygate start').catch(() => server?.child.kill('SIGKILL'));
    }
    await deleteStreams(testNatsUrl(), stream, `${stream}_DEAD`, `${stream}_REPLAY`);
    await eventStore?.close();
    await pool?.end();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every IPN answered 2xx exactly once, one PaymentReceived per paid invoice, one SplitCalculated per PaymentReceived', { timeout: 300_000 }, async () => {
    const tier = await seedChannel(eventStore, 'ch_burst');
    const invoices = await seedInvoices(eventStore, tier, { count: INVOICES, firstPaymentId: 7_100_000_000, prefix: 'inv_burst' });
    const payments: Payment[] = invoices.map((invoice) => ({ invoice, next: 0 }));
    const answered: Answered[] = [];
    const figures = { sent: 0, ok: 0, noAnswer: 0, other: 0, kills: 0, rounds: [] as string[] };

    /**
     * One round of NOWPayments' deliveries: each payment walks its remaining statuses in order
     * (a status is delivered until answered 2xx before the next one follows), every third status
     * twice at once, and a stale copy of `confirming` after `finished`. `killAfter` 2xx answers
     * into the round, the process is SIGKILLed; a payment whose IPN then gets no 2xx stops there.
     */
    const round = async (name: string, killAfter?: number) => {
      const { process, webhookUrl } = await start();
      const sender: IpnSender = createIpnSender(webhookUrl, { sockets: SOCKETS });
      let okInRound = 0;
      let killed: Promise<unknown> | undefined;
      const deliver = async (payment: Payment, status: (typeof SEQUENCE)[number], copies: number) => {
        const ipn = signIpn(ipnPayload(payment.invoice, status), IPN_SECRET);
        const answers = await Promise.all(Array.from({ length: copies }, () => sender.post(ipn)));
        let ok = false;
        for (const answer of answers) {
          figures.sent += 1;
          if (answer.status >= 200 && answer.status < 300) {
            ok = true;
            figures.ok += 1;
            okInRound += 1;
            answered.push({ paymentId: String(payment.invoice.paymentId), status });
          } else if (answer.status === 0) figures.noAnswer += 1;
          else figures.other += 1;
        }
        if (killAfter !== undefined && okInRound >= killAfter && killed === undefined) {
          figures.kills += 1;
          killed = process.exited;
          process.child.kill('SIGKILL');
        }
        return ok;
      };
      const walk = async (payment: Payment) => {
        while (payment.next < SEQUENCE.length) {
          const copies = (payment.invoice.paymentId + payment.next) % 3 === 0 ? 2 : 1;
          if (!(await deliver(payment, SEQUENCE[payment.next]!, copies))) return;
          payment.next += 1;
          if (payment.next === SEQUENCE.length) await deliver(payment, 'confirming', 1);
        }
      };
      const unfinished = () => payments.filter((payment) => payment.next < SEQUENCE.length);
      await Promise.all(unfinished().map(walk));
      // Without a kill, whatever was refused (e.g. 503 "payment busy") is simply delivered again.
      for (let pass = 0; killAfter === undefined && pass < 3 && unfinished().length > 0; pass++) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await Promise.all(unfinished().map(walk));
      }
      sender.close();
      let afterKill = '';
      if (killed) {
        await killed;
        // Appended by the killed process but never answered: the retries below must not record them again.
        const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM paygate_events WHERE type = 'PaymentStatusRecorded'`);
        const unanswered = rows[0]!.n - new Set(answered.map(({ paymentId, status }) => `${paymentId}/${status}`)).size;
        afterKill = `, then SIGKILL (${unanswered} statuses recorded but not yet answered 2xx)`;
      }
      const left = payments.filter((payment) => payment.next < SEQUENCE.length).length;
      figures.rounds.push(`${name}: ${okInRound} answered 2xx${afterKill}, ${left} payments unfinished`);
      return { killed: killed !== undefined };
    };

    const total = INVOICES * SEQUENCE.length;
    expect((await round('burst 1', Math.floor(total * 0.3))).killed).toBe(true);
    expect((await round('burst 2', Math.floor(total * 0.3))).killed).toBe(true);
    await round('retries');
    expect(payments.filter((payment) => payment.next < SEQUENCE.length)).toEqual([]);

    // Every status answered 2xx is recorded exactly once in its payment stream (and nothing else is).
    const { rows: recorded } = await pool.query<{ stream_id: string; status: string; n: number }>(
      `SELECT stream_id, data->>'status' AS status, count(*)::int AS n FROM paygate_events
        WHERE type = 'PaymentStatusRecorded' GROUP BY 1, 2`,
    );
    const counts = new Map(recorded.map((row) => [`${row.stream_id}/${row.status}`, row.n]));
    const notOnce = answered.filter(({ paymentId, status }) => counts.get(`payment-${paymentId}/${status}`) !== 1);
    expect(notOnce).toEqual([]);
    expect(recorded.filter((row) => row.n !== 1)).toEqual([]);
    expect(recorded).toHaveLength(total);

    // One PaymentReceived per paid invoice.
    const { rows: received } = await pool.query<{ stream_id: string; event_id: string; payment_id: string }>(
      `SELECT stream_id, event_id::text, data->>'paymentId' AS payment_id FROM paygate_events WHERE type = 'PaymentReceived'`,
    );
    expect(received).toHaveLength(INVOICES);
    expect(new Set(received.map((row) => row.stream_id)).size).toBe(INVOICES);
    // No conflict, mismatch, unmatched or refused IPN. (Other process managers react to
    // PaymentReceived too, so the rest of the log is not pinned here.)
    const { rows: odd } = await pool.query<{ stream_id: string; type: string }>(
      `SELECT DISTINCT stream_id, type FROM paygate_events
        WHERE (stream_id LIKE 'payment-%' AND type NOT IN ('PaymentStatusRecorded', 'PaymentReceived'))
           OR stream_id LIKE 'unmatched-payment-%' OR stream_id LIKE 'refused-payment-%'`,
    );
    expect(odd).toEqual([]);

    // Each PaymentReceived has exactly one SplitCalculated, caused by it, once the workers catch up
    // (a delivery the killed process held comes back after the consumer's ack wait).
    const splitCount = async () =>
      Number((await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM paygate_events WHERE type = 'SplitCalculated'`)).rows[0]!.n);
    await waitFor('a SplitCalculated for every PaymentReceived', async () => (await splitCount()) >= INVOICES, { timeoutMs: 120_000, intervalMs: 250 });
    const { rows: splits } = await pool.query<{ payment_id: string; causation: string; n: number }>(
      `SELECT data->>'paymentId' AS payment_id, min(metadata->>'causationId') AS causation, count(*)::int AS n
         FROM paygate_events WHERE type = 'SplitCalculated' GROUP BY 1`,
    );
    expect(splits.filter((split) => split.n !== 1)).toEqual([]);
    expect(new Map(splits.map((split) => [split.payment_id, split.causation]))).toEqual(
      new Map(received.map((row) => [row.payment_id, row.event_id])),
    );

    // The relay published every event exactly once: no duplicate message id in JetStream, none
    // that is not an event of the log, and every event up to the relay's checkpoint is there.
    // The log need not be quiet for this: owner notifications keep coming at Telegram's pace of
    // one message a second per chat (200 to the same owner here), long after the money is settled.
    await waitFor(
      'the relay past every payment and split event',
      async () => {
        const { rows } = await pool.query<{ behind: number }>(
          `SELECT count(*)::int AS behind FROM paygate_events e, paygate_relay_checkpoints c
            WHERE (e.stream_id LIKE 'payment-%' OR e.stream_id LIKE 'split-%')
              AND (e.commit_position, e.position) > (c.commit_position::numeric, c.prepare_position::numeric)`,
        );
        return rows[0]?.behind === 0 && (await pool.query('SELECT 1 FROM paygate_relay_checkpoints')).rowCount === 1;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    const { rows: checkpoint } = await pool.query<{ c: string; p: string }>(
      `SELECT commit_position::text AS c, prepare_position::text AS p FROM paygate_relay_checkpoints`,
    );
    expect(checkpoint).toHaveLength(1);
    const { ids, messages } = await streamMessageIds(testNatsUrl(), stream);
    const { rows: all } = await pool.query<{ event_id: string; relayed: boolean }>(
      `SELECT event_id::text, (commit_position, position) <= ($1::numeric, $2::numeric) AS relayed FROM paygate_events`,
      [checkpoint[0]!.c, checkpoint[0]!.p],
    );
    const published = new Set(ids);
    expect(published.size).toBe(ids.length);
    expect(ids.filter((id) => !all.some((row) => row.event_id === id))).toEqual([]);
    expect(all.filter((row) => row.relayed && !published.has(row.event_id))).toEqual([]);

    console.log(
      [
        `IPN burst SIGKILL: ${INVOICES} payments × ${SEQUENCE.length} statuses (+ duplicate and stale copies) over ${SOCKETS} sockets`,
        `  IPNs sent ${figures.sent}: ${figures.ok} answered 2xx, ${figures.noAnswer} without an answer, ${figures.other} other; ${figures.kills} SIGKILLs`,
        ...figures.rounds.map((line) => `  ${line}`),
        `  log: ${recorded.length} statuses once each, ${received.length} PaymentReceived, ${splits.length} SplitCalculated; ${all.length} events, ${messages} JetStream messages, no duplicate`,
      ].join('\n'),
    );
  });
});

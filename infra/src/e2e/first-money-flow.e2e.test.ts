import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testNatsUrl, uniqueName, waitFor, type TestDatabase } from '@paygate/testkit';
import { cleanEnv, exitWithin, spawnPaygate, type PaygateProcess } from '../cli/test-support/spawn-paygate.ts';
import { deleteStreams } from '../relay/test-support/jetstream-contents.ts';

// Known secrets: the run's whole output (debug level) must contain none of them.
const OPERATOR_KEY = 'op-key-e2e-7f3a9c1d2b4e6f80';
const DB_PASSWORD = 'db-password-e2e-91c3e7';

describe('first money flow, end to end: CLI → NOWPayments sandbox → webhook → NATS → split → read API', () => {
  let database: TestDatabase;
  let dataDir: string;
  let server: PaygateProcess;
  let env: Record<string, string>;
  const cliOutput: string[] = [];
  const stream = uniqueName('E2E');

  const cli = async (...args: string[]) => {
    const run = spawnPaygate(args, env);
    const { code } = await exitWithin(run.exited, 60_000, `paygate ${args.join(' ')}`);
    cliOutput.push(run.stdout(), run.stderr());
    if (code !== 0) throw new Error(`paygate ${args.join(' ')} exited ${code}: ${run.stderr()}`);
    return run.stdout();
  };

  const api = async (path: string) => {
    const apiUrl = /PayGate listening on (\S+)/.exec(server.stdout())![1]!.replace('0.0.0.0', '127.0.0.1');
    const response = await fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${OPERATOR_KEY}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    database = await createTestDatabase('e2e_money');
    dataDir = await mkdtemp(join(tmpdir(), 'paygate-e2e-'));
    const url = new URL(database.url);
    url.password = DB_PASSWORD; // ignored by the test server's trust auth, but a secret to PayGate
    env = cleanEnv({
      DATABASE_URL: url.toString(),
      NATS_URL: testNatsUrl(),
      NATS_STREAM: stream,
      NATS_SUBJECT_PREFIX: `test.${stream.toLowerCase()}`,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      PAYGATE_DATA_DIR: dataDir,
      PAYGATE_OPERATOR_KEY: OPERATOR_KEY,
      PLATFORM_FEE_BPS: '250',
    });
    server = spawnPaygate(['start'], env);
    await waitFor('paygate start listening', () => server.stdout().includes('PayGate listening on'), { timeoutMs: 60_000 });
  });

  afterAll(async () => {
    if (server) {
      server.child.kill('SIGTERM');
      await exitWithin(server.exited, 30_000, 'paygate start').catch(() => server.child.kill('SIGKILL'));
    }
    await deleteStreams(testNatsUrl(), stream, `${stream}_DEAD`, `${stream}_REPLAY`);
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('registers, prices, invoices, pays, and shows PaymentReceived and SplitCalculated in the log and the read API', async () => {
    await cli('channel', 'register', '--chat-id=-1009876543210', '--owner', '4242', '--title', 'E2E channel', '--channel-id', 'ch_e2e');
    await cli('tier', 'set', '--channel', 'ch_e2e', '--name', 'Monthly', '--price-usd', '12.50', '--days', '30');
    const invoice = JSON.parse(await cli('invoice', 'create', '--channel', 'ch_e2e', '--tier', 'monthly', '--user', '1001', '--json')) as {
      invoiceId: string;
      price: { amount: string; currency: string };
      invoiceUrl: string;
    };
    expect(invoice.price).toEqual({ amount: '12.50', currency: 'USD' });
    expect(invoice.invoiceUrl).toContain('/sandbox/nowpayments/payment/?iid=');

    const paid = JSON.parse(await cli('sandbox', 'pay', invoice.invoiceId, '--duplicate', '--json')) as { paymentId: number | string; statuses: string[] };
    expect(paid.statuses.at(-1)).toBe('finished');
    const paymentId = String(paid.paymentId);

    const payment = JSON.parse(await cli('events', '--stream', `payment-${paymentId}`, '--json')) as {
      type: string;
      metadata: { traceparent?: string; correlationId?: string };
    }[];
    expect(payment.filter((event) => event.type === 'PaymentReceived')).toHaveLength(1);
    expect(payment.filter((event) => event.type === 'PaymentStatusRecorded')).toHaveLength(5); // duplicates changed nothing

    const split = await waitFor('SplitCalculated in the log', async () => {
      const events = JSON.parse(await cli('events', '--stream', `split-${paymentId}`, '--json')) as {
        type: string;
        data: Record<string, { amount: string }>;
        metadata: { traceparent?: string; correlationId?: string };
      }[];
      return events.length > 0 ? events : undefined;
    });
    expect(split).toHaveLength(1);
    // One correlation id follows the payment from the webhook through the relay to the split
    // manager. Tracing is off (no OTEL_EXPORTER_OTLP_ENDPOINT), so no trace context is made up.
    const received = payment.find((event) => event.type === 'PaymentReceived')!;
    expect(received.metadata.correlationId).toEqual(expect.any(String));
    expect(split[0]!.metadata.correlationId).toBe(received.metadata.correlationId);
    expect(received.metadata.traceparent).toBeUndefined();
    const { gross, fee, ownerShare } = split[0]!.data as Record<string, { amount: string }>;
    expect(BigInt(fee!.amount) + BigInt(ownerShare!.amount)).toBe(BigInt(gross!.amount));
    expect(BigInt(fee!.amount)).toBe((BigInt(gross!.amount) * 250n) / 10_000n);

    const view = await waitFor('invoice paid in the read API', async () => {
      const { status, body } = await api(`/api/v1/invoices/${invoice.invoiceId}`);
      const payments = body.payments as { status: string; split?: unknown }[] | undefined;
      return status === 200 && payments?.[0]?.status === 'finished' && payments[0].split ? body : undefined;
    });
    expect(view.id).toBe(invoice.invoiceId);
    expect(view.paid).toBe(true);
    const list = await api(`/api/v1/payments?invoice=${invoice.invoiceId}`);
    expect((list.body.items as unknown[]).length).toBe(1);
    expect((await fetch(`${/PayGate listening on (\S+)/.exec(server.stdout())![1]}/api/v1/payments`)).status).toBe(401);
  });

  it('plays an owner in the Telegram sandbox through the CLI: adding the bot registers the channel', async () => {
    const owner = JSON.parse(await cli('sandbox', 'telegram', 'user', '--name', 'Olga', '--json')) as { id: number };
    const chat = JSON.parse(await cli('sandbox', 'telegram', 'channel', '--owner', String(owner.id), '--title', 'CLI channel', '--json')) as { id: number };
    await cli('sandbox', 'telegram', 'add-bot', `--chat=${chat.id}`);
    const inbox = await waitFor('the registration DM', async () => {
      const messages = JSON.parse(await cli('sandbox', 'telegram', 'inbox', '--chat', String(owner.id), '--json')) as { text: string }[];
      return messages.find((message) => message.text.includes('is registered')) ? messages : undefined;
    });
    expect(inbox.at(-1)!.text).toContain('"CLI channel" is registered');
    await expect(cli('sandbox', 'telegram', 'wave')).rejects.toThrow(/unknown verb "wave"/);
  });

  it('never writes a known secret to any log or output', () => {
    const everything = [server.stdout(), server.stderr(), ...cliOutput].join('\n');
    expect(everything.length).toBeGreaterThan(1_000); // debug logs were captured
    for (const secret of [OPERATOR_KEY, DB_PASSWORD]) expect(everything).not.toContain(secret);
  });
});

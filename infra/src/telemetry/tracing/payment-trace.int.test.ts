import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '@paygate/domain';
import { IPN_SIGNATURE_HEADER, signIpnPayload } from '@paygate/gateways';
import { createTestDatabase, testNatsUrl, uniqueName, waitFor, type TestDatabase } from '@paygate/testkit';
import { loadConfig } from '../../config/index.ts';
import { finishedIpn } from '../../flows/test-support/finished-ipn.ts';
import { createLogger } from '../../logging/index.ts';
import { deleteStreams } from '../../relay/test-support/jetstream-contents.ts';
import { startPayGate, type RunningPayGate } from '../../runtime/index.ts';
import { startOtlpReceiver, type ReceivedSpan } from '../test-support/otlp-receiver.ts';

// PayGate's roles in one process over real PostgreSQL and NATS, tracing to a tiny OTLP/HTTP
// receiver: one signed sandbox IPN must arrive as ONE trace, from the webhook to Telegram:
// server span → command → append → relay send → process manager → Bot API call.
const SERVER = 2;
const CLIENT = 3;
const PRODUCER = 4;
const CONSUMER = 5;
const OTEL_VARIABLES = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_PROTOCOL', 'OTEL_BSP_SCHEDULE_DELAY', 'OTEL_SERVICE_NAME'] as const;

const ancestors = (spans: readonly ReceivedSpan[], span: ReceivedSpan): ReceivedSpan[] => {
  const chain: ReceivedSpan[] = [];
  for (let at = span; at.parentSpanId !== undefined; ) {
    const parent = spans.find((candidate) => candidate.spanId === at.parentSpanId && candidate.traceId === at.traceId);
    if (!parent) break;
    chain.push(parent);
    at = parent;
  }
  return chain;
};

/** The same payment, over NATS JetStream or the in-process broker (both carry the context in message headers). */
const traceSuite = (brokerName: string, withNats: boolean, paymentId: number) =>
  describe(`one trace follows a payment over ${brokerName}: webhook → command → append → relay → broker → access manager → Telegram`, () => {
    const stream = uniqueName('TRACE');
    const lines: Record<string, unknown>[] = [];
    let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
    let db: TestDatabase;
    let running: RunningPayGate;
    const saved = Object.fromEntries(OTEL_VARIABLES.map((name) => [name, process.env[name]]));

    beforeAll(async () => {
      receiver = await startOtlpReceiver();
      Object.assign(process.env, {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '50',
        OTEL_SERVICE_NAME: 'paygate-trace-test',
      });
      db = await createTestDatabase('trace');
      const config = loadConfig({
        DATABASE_URL: db.url,
        ...(withNats ? { NATS_URL: testNatsUrl(), NATS_STREAM: stream, NATS_SUBJECT_PREFIX: `test.${stream.toLowerCase()}` } : {}),
        PORT: '0',
        HOST: '127.0.0.1',
        PAYGATE_DATA_DIR: `/tmp/paygate-trace-${process.pid}`,
      });
      const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
      running = await startPayGate({ config, logger, roles: ['api', 'relay', 'workers', 'projector'] });
    }, 60_000);

    afterAll(async () => {
      await running?.stop();
      for (const name of OTEL_VARIABLES) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
      await receiver?.close();
      if (withNats) await deleteStreams(testNatsUrl(), stream, `${stream}_DEAD`, `${stream}_REPLAY`);
      await db?.drop();
    });

    it('exports the whole trace with correct parent links, and log lines carry its ids', async () => {
      const tg = running.paygate.telegram.sandbox!.control;
      const owner = tg.createUser({ firstName: 'Olga', startedBot: true });
      const chat = tg.createChannel({ ownerId: owner.id, title: 'Traced signals' });
      tg.promoteBot({ chatId: chat.id });
      const subscriber = tg.createUser({ firstName: 'Sue', startedBot: true });
      const { channels, invoices } = running.paygate.payments;
      await channels.registerChannel({ channelId: 'ch_traced', chatId: String(chat.id), ownerId: String(owner.id), title: 'Traced signals' });
      await channels.priceTier({ channelId: 'ch_traced', tierId: 'monthly', name: 'Monthly', price: money(1250n, 'USD'), durationDays: 30 });
      const { invoiceId } = await invoices.createInvoice({ channelId: 'ch_traced', tierId: 'monthly', subscriberId: String(subscriber.id) });

      const ipn = finishedIpn(invoiceId, paymentId);
      const response = await fetch(`${running.url}/webhooks/nowpayments`, {
        method: 'POST',
        body: JSON.stringify(ipn),
        headers: { 'content-type': 'application/json', [IPN_SIGNATURE_HEADER]: signIpnPayload(ipn, running.paygate.nowPayments.ipnSecret!) },
      });
      expect(response.status).toBe(200);

      const { spans } = receiver;
      const server = await waitFor('the webhook server span', () => spans.find((span) => span.kind === SERVER && span.name === 'POST /webhooks/nowpayments'));
      expect(server.parentSpanId).toBeUndefined();
      expect(server.service).toBe('paygate-trace-test');
      expect(server.attributes).toMatchObject({ 'http.route': '/webhooks/nowpayments', 'http.response.status_code': 200 });
      await waitFor(
        'a Telegram call in the same trace',
        () => spans.find((span) => span.traceId === server.traceId && span.kind === CLIENT && String(span.attributes['url.full']).includes('/bot[redacted]/')),
        { timeoutMs: 30_000 },
      );
      // A consumer span ends when its handler has finished, after the calls it made.
      await waitFor('the access manager span', () => spans.find((span) => span.traceId === server.traceId && span.name === 'process access-manager'));
      const trace = spans.filter((span) => span.traceId === server.traceId);

      const command = trace.find((span) => span.name === 'command RecordIpn');
      expect(command?.parentSpanId).toBe(server.spanId);
      const append = trace.find((span) => span.name === 'append payment' && (span.attributes['paygate.event.types'] as string[]).includes('PaymentReceived'));
      expect(append?.parentSpanId).toBe(command!.spanId);
      const send = trace.find((span) => span.kind === PRODUCER && span.name.endsWith('.payment.PaymentReceived'));
      expect(send?.parentSpanId).toBe(append!.spanId);
      expect(send?.attributes).toMatchObject({ 'messaging.system': 'nats', 'messaging.operation.type': 'send' });
      const consume = trace.find((span) => span.kind === CONSUMER && span.name === 'process access-manager');
      expect(consume?.parentSpanId).toBe(send!.spanId);
      // The access manager's own Bot API call (an invite link), an HTTP client span under it.
      const telegram = trace.find((span) => span.kind === CLIENT && span.parentSpanId === consume!.spanId && String(span.attributes['url.full']).includes('/bot[redacted]/'));
      expect(telegram?.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.response.status_code': 200 });
      expect(ancestors(trace, telegram!).map((span) => span.spanId)).toEqual([consume!.spanId, send!.spanId, append!.spanId, command!.spanId, server.spanId]);
      // pg is instrumented too: the append's own queries are its children.
      expect(trace.some((span) => span.parentSpanId === append!.spanId && span.attributes['db.system.name'] === 'postgresql')).toBe(true);

      // The bot token never leaves in a span, and the request's log lines carry the trace id.
      expect(receiver.bodies.join('\n')).not.toContain(running.paygate.telegram.token);
      expect(lines.some((line) => line.trace_id === server.traceId && line.msg === 'request')).toBe(true);
    }, 60_000);
  });

traceSuite('NATS JetStream', true, 9_300_000_001);
traceSuite('the in-process broker', false, 9_300_000_002);

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '@paygate/domain';
import { IPN_SIGNATURE_HEADER, signIpnPayload } from '@paygate/gateways';
import { createTestDatabase, testNatsUrl, uniqueName, waitFor, type TestDatabase } from '@paygate/testkit';
import { loadConfig } from '../../config/index.ts';
import { finishedIpn } from '../../flows/test-support/finished-ipn.ts';
import { createLogger } from '../../logging/index.ts';
import { deleteStreams } from '../../relay/test-support/jetstream-contents.ts';
import { findFreePort } from '../../runtime/free-port.ts';
import { startPayGate, type RunningPayGate } from '../../runtime/index.ts';

// /metrics of a PayGate running every role but the bot over real PostgreSQL and NATS, scraped
// after one sandbox payment (whose invite link first meets a Telegram 429) and one forged IPN.
const OPERATOR_KEY = 'metrics-test-operator-key-5b1e';
const stream = uniqueName('METRICS');
let db: TestDatabase;
let running: RunningPayGate;
const logger = createLogger({ level: 'silent' });

const config = (extra: Record<string, string> = {}) =>
  loadConfig({
    DATABASE_URL: db.url,
    NATS_URL: testNatsUrl(),
    NATS_STREAM: stream,
    NATS_SUBJECT_PREFIX: `test.${stream.toLowerCase()}`,
    PORT: '0',
    HOST: '127.0.0.1',
    PAYGATE_DATA_DIR: `/tmp/paygate-metrics-${process.pid}`,
    PAYGATE_OPERATOR_KEY: OPERATOR_KEY,
    ...extra,
  });

beforeAll(async () => {
  db = await createTestDatabase('metrics');
  running = await startPayGate({ config: config(), logger, roles: ['api', 'relay', 'workers', 'projector'] });
}, 60_000);

afterAll(async () => {
  await running?.stop();
  await deleteStreams(testNatsUrl(), stream, `${stream}_DEAD`, `${stream}_REPLAY`);
  await db?.drop();
});

const scrape = async (headers: Record<string, string> = { authorization: `Bearer ${OPERATOR_KEY}` }, url = `${running.url}/metrics`) => {
  const response = await fetch(url, { headers });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
};

/** One sample's value: `name{labels} value`, labels as Prometheus prints them (sorted as given). */
const sample = (text: string, name: string, labels: Record<string, string> = {}): number | undefined => {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',').filter(Boolean);
    if (wanted.every((label) => present.includes(label))) return Number(match[3]);
  }
  return undefined;
};

describe('Prometheus /metrics', () => {
  it('is refused without the operator key (401) or with a wrong one', async () => {
    expect((await scrape({})).status).toBe(401);
    expect((await scrape({ authorization: 'Bearer wrong-key' })).status).toBe(401);
  });

  it('after a sandbox payment: IPN outcomes, append latency, relay and consumer lag, dead letters, projection lag, payouts, Telegram 429s', async () => {
    const tg = running.paygate.telegram.sandbox!.control;
    const owner = tg.createUser({ firstName: 'Olga', startedBot: true });
    const chat = tg.createChannel({ ownerId: owner.id, title: 'Metered signals' });
    tg.promoteBot({ chatId: chat.id });
    const subscriber = tg.createUser({ firstName: 'Sue', startedBot: true });
    const { channels, invoices } = running.paygate.payments;
    await channels.registerChannel({ channelId: 'ch_metered', chatId: String(chat.id), ownerId: String(owner.id), title: 'Metered signals' });
    await channels.priceTier({ channelId: 'ch_metered', tierId: 'monthly', name: 'Monthly', price: money(1250n, 'USD'), durationDays: 30 });
    const { invoiceId } = await invoices.createInvoice({ channelId: 'ch_metered', tierId: 'monthly', subscriberId: String(subscriber.id) });
    tg.faults.rateLimit('createChatInviteLink', { times: 1, retryAfter: 1 });

    const ipn = finishedIpn(invoiceId, 9_400_000_001);
    const post = (signature: string) =>
      fetch(`${running.url}/webhooks/nowpayments`, { method: 'POST', body: JSON.stringify(ipn), headers: { 'content-type': 'application/json', [IPN_SIGNATURE_HEADER]: signature } });
    expect((await post(signIpnPayload(ipn, running.paygate.nowPayments.ipnSecret!))).status).toBe(200);
    expect((await post(signIpnPayload(ipn, 'not-the-secret'))).status).toBe(401);

    // Settled: everything relayed, delivered, acknowledged and projected.
    const { text, type } = await waitFor(
      'a settled scrape',
      async () => {
        const scraped = await scrape();
        const settled =
          sample(scraped.text, 'paygate_relay_lag_events') === 0 &&
          sample(scraped.text, 'paygate_consumer_ack_pending_messages', { consumer: 'access-manager' }) === 0 &&
          sample(scraped.text, 'paygate_consumer_pending_messages', { consumer: 'access-manager' }) === 0 &&
          (sample(scraped.text, 'paygate_telegram_rate_limited_total', { method: 'createChatInviteLink' }) ?? 0) >= 1 &&
          (sample(scraped.text, 'paygate_consumer_deliveries_total', { consumer: 'access-manager', outcome: 'ok' }) ?? 0) >= 1 &&
          [...scraped.text.matchAll(/^paygate_projection_lag_events\{.*\} (\S+)$/gm)].every((match) => match[1] === '0');
        return settled ? scraped : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(type).toContain('text/plain');
    expect(sample(text, 'paygate_ipn_received_total', { outcome: 'accepted' })).toBe(1);
    expect(sample(text, 'paygate_ipn_received_total', { outcome: 'unauthorized' })).toBe(1);
    expect(sample(text, 'paygate_event_append_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThanOrEqual(4);
    expect(sample(text, 'paygate_event_append_duration_seconds_bucket', { outcome: 'ok', le: '+Inf' })).toBe(sample(text, 'paygate_event_append_duration_seconds_count', { outcome: 'ok' }));
    expect(sample(text, 'paygate_relay_lag_seconds')).toBe(0);
    // Counted per consumer when a delivery is a redelivery (the access manager waits a 429 out within its delivery).
    expect(text).toContain('# TYPE paygate_consumer_redeliveries_total counter');
    expect(sample(text, 'paygate_dead_letters', { consumer: 'access-manager' })).toBe(0);
    expect(sample(text, 'paygate_projection_lag_events', { projection: 'payments' })).toBe(0);
    for (const status of ['running', 'held', 'failed', 'sent']) expect(sample(text, 'paygate_payouts', { status })).toBe(0);
    for (const source of ['event_log', 'relay', 'projections', 'payouts', 'broker']) expect(sample(text, 'paygate_metrics_source_up', { source })).toBe(1);
    expect(sample(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
  }, 60_000);

  it('with METRICS_PORT, /metrics is on that port without the key, and not on the api port', async () => {
    const metricsPort = await findFreePort();
    const other = await startPayGate({ config: config({ METRICS_PORT: String(metricsPort) }), logger, roles: ['api'] });
    try {
      const own = await scrape({}, `http://127.0.0.1:${metricsPort}/metrics`);
      expect(own.status).toBe(200);
      expect(sample(own.text, 'paygate_metrics_source_up', { source: 'event_log' })).toBe(1);
      expect((await scrape(undefined, `${other.url}/metrics`)).status).toBe(404);
    } finally {
      await other.stop();
    }
  }, 60_000);
});

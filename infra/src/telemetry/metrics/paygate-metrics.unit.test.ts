import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ipnOutcome } from './ipn-outcomes.ts';
import { createPayGateMetrics } from './paygate-metrics.ts';

const line = (text: string, start: string) => text.split('\n').find((candidate) => candidate.startsWith(start));

describe('a scrape', () => {
  it('still answers when a source fails or hangs: that source is down (0) and its gauges are absent', async () => {
    const pool = { query: async () => Promise.reject(new Error('connection refused')) } as unknown as pg.Pool;
    const hanging = { read: () => new Promise<never>(() => {}), close: async () => {} };
    const metrics = createPayGateMetrics({ pool, logInPostgres: true, readModelSchema: 'read_model', broker: hanging, timeoutMs: 50 });
    metrics.ipnReceived.inc({ outcome: 'accepted' });
    const text = await metrics.scrape();
    for (const source of ['event_log', 'relay', 'projections', 'payouts', 'broker']) {
      expect(line(text, `paygate_metrics_source_up{source="${source}"}`)).toBe(`paygate_metrics_source_up{source="${source}"} 0`);
    }
    expect(line(text, 'paygate_relay_lag_events{')).toBeUndefined();
    expect(line(text, 'paygate_payouts{')).toBeUndefined();
    expect(line(text, 'paygate_ipn_received_total{')).toBe('paygate_ipn_received_total{outcome="accepted"} 1');
  });

  it('reports dead letters and JetStream consumer state per consumer', async () => {
    const pool = { query: async () => ({ rows: [] }) } as unknown as pg.Pool;
    const broker = {
      read: async () => ({ consumers: [{ consumer: 'access-manager', pending: 3, ackPending: 1, redelivered: 1 }], deadLetters: new Map([['split-manager', 2]]) }),
      close: async () => {},
    };
    const text = await createPayGateMetrics({ pool, logInPostgres: false, readModelSchema: 'read_model', broker }).scrape();
    expect(line(text, 'paygate_consumer_pending_messages{')).toBe('paygate_consumer_pending_messages{consumer="access-manager"} 3');
    expect(text).toContain('paygate_dead_letters{consumer="access-manager"} 0');
    expect(text).toContain('paygate_dead_letters{consumer="split-manager"} 2');
    // KurrentDB holds the log: no lag is claimed from PostgreSQL.
    expect(text).not.toContain('paygate_metrics_source_up{source="event_log"}');
  });
});

describe('IPN outcomes from the webhook status', () => {
  it.each([
    [200, 'accepted'],
    [401, 'unauthorized'],
    [400, 'invalid'],
    [413, 'invalid'],
    [415, 'invalid'],
    [503, 'unavailable'],
    [500, 'error'],
  ])('%i → %s', (status, outcome) => expect(ipnOutcome(status)).toBe(outcome));
});

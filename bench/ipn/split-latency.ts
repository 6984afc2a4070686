import type { EventStore, GlobalPosition } from '@paygate/domain';
import type pg from 'pg';
import { summarise, type Summary } from '../lib/stats.ts';
import type { IpnPool } from './ipn-pool.ts';
import { sendSteadily } from './steady-sender.ts';

export type SplitLatencyResult = {
  /** IPN sent (its scheduled time) → SplitCalculated seen on `$all` by this process. */
  split: Summary;
  /** IPN sent → its PaymentReceived seen on `$all` (the webhook's append, before relay and workers). */
  received: Summary;
  /** The webhook's own answer time at this rate. */
  answer: Summary;
  sent: number;
  failed: number;
  missing: number;
  /** How far behind schedule the sender fell at worst (ms): above a few ms, the rate was not held. */
  maxSendDelayMs: number;
};

const head = async (pool: pg.Pool): Promise<GlobalPosition | undefined> => {
  const { rows } = await pool.query<{ commit: string; prepare: string }>(
    'SELECT commit_position::text AS commit, position::text AS prepare FROM paygate_events ORDER BY commit_position DESC, position DESC LIMIT 1',
  );
  return rows[0] && { commit: BigInt(rows[0].commit), prepare: BigInt(rows[0].prepare) };
};

/**
 * Open loop: `rate` `finished` IPNs per second for `seconds`, each timed from when it was due to
 * be sent (so a stalled server cannot hide its queue) until its SplitCalculated — appended by the
 * split manager after the relay carried PaymentReceived through NATS — shows up on a `$all`
 * subscription of this process.
 */
export const benchIpnToSplit = async (
  { webhookUrl, pool, eventStore }: { webhookUrl: string; pool: pg.Pool; eventStore: EventStore },
  ipns: IpnPool,
  rate: number,
  seconds: number,
): Promise<SplitLatencyResult> => {
  const dueAt = new Map<string, number>();
  const splitLatencies: number[] = [];
  const receivedLatencies: number[] = [];
  const after = await head(pool);
  const subscription = eventStore.subscribeToAll(after ? { after } : {});
  const watching = (async () => {
    for await (const event of subscription) {
      const latencies = event.type === 'SplitCalculated' ? splitLatencies : event.type === 'PaymentReceived' ? receivedLatencies : undefined;
      const due = latencies && dueAt.get((event.data as { paymentId: string }).paymentId);
      if (latencies && due !== undefined) latencies.push(performance.now() - due);
    }
  })();

  const { sent: total, failed, answers, maxSendDelayMs, elapsedMs: sendElapsed } = await sendSteadily(webhookUrl, ipns, {
    rate,
    seconds,
    onSend: (ipn, due) => dueAt.set(ipn.paymentId, due),
  });
  const waitUntil = performance.now() + 60_000;
  while (splitLatencies.length < total - failed && performance.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 20));
  await subscription.close();
  await watching;
  return {
    split: summarise(splitLatencies, sendElapsed),
    received: summarise(receivedLatencies, sendElapsed),
    answer: summarise(answers, sendElapsed),
    sent: total,
    failed,
    missing: total - failed - splitLatencies.length,
    maxSendDelayMs,
  };
};

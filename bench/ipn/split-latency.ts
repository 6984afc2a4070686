import type { EventStore, GlobalPosition } from '@paygate/domain';
import type pg from 'pg';
import { createIpnSender } from '../../infra/src/faults/ipn-traffic.ts';
import { summarise, type Summary } from '../lib/stats.ts';
import type { IpnPool } from './ipn-pool.ts';

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

  const sender = createIpnSender(webhookUrl, { sockets: 64 });
  const answers: number[] = [];
  let failed = 0;
  let maxSendDelayMs = 0;
  const total = Math.min(rate * seconds, ipns.remaining());
  const started = performance.now();
  const posts: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    maxSendDelayMs = Math.max(maxSendDelayMs, performance.now() - due);
    const ipn = ipns.take()!;
    dueAt.set(ipn.paymentId, due);
    posts.push(
      sender.post(ipn).then((answer) => {
        if (answer.status === 200) answers.push(answer.ms);
        else failed += 1;
      }),
    );
  }
  await Promise.all(posts);
  const sendElapsed = performance.now() - started;
  const waitUntil = performance.now() + 60_000;
  while (splitLatencies.length < total - failed && performance.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 20));
  sender.close();
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

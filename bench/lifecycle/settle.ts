import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type pg from 'pg';

/**
 * Waits until the relay has passed the log's head and the access manager's durable consumer has
 * nothing pending or unacknowledged, so one phase's backlog stays out of the next. The owner
 * notifier is not waited for: paced at one message a second per owner, it lags for minutes.
 */
export const settleAccessPipeline = async (pool: pg.Pool, natsUrl: string, stream: string, timeoutMs = 300_000): Promise<number> => {
  const started = performance.now();
  const nc = await connect({ servers: natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    for (;;) {
      const { rows } = await pool.query<{ behind: boolean }>(
        `SELECT coalesce((SELECT (r.commit_position, r.prepare_position) < (h.commit_position::numeric, h.position::numeric)
                            FROM paygate_relay_checkpoints r LIMIT 1), true) AS behind
           FROM (SELECT commit_position, position FROM paygate_events ORDER BY commit_position DESC, position DESC LIMIT 1) h`,
      );
      const relayBehind = rows[0]?.behind ?? false;
      const consumer = await jsm.consumers.info(stream, 'access-manager').catch(() => undefined);
      const idle = consumer !== undefined && consumer.num_pending === 0 && consumer.num_ack_pending === 0;
      if ((!relayBehind && idle) || performance.now() - started > timeoutMs) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await nc.close();
  }
  return (performance.now() - started) / 1000;
};

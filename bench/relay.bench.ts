import { randomUUID } from 'node:crypto';
import type { Broker, EventStore, GlobalPosition } from '@paygate/domain';
import { comparePositions } from '@paygate/domain';
import { createRelay } from '@paygate/infra';
import type pg from 'pg';
import { summarise } from './lib/stats.ts';

type Deps = { pool: pg.Pool; eventStore: EventStore; broker: Broker; subjectPrefix: string };

const until = async (done: () => boolean) => {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
};

/** Relays an existing backlog from position 0 and reports events/s until the checkpoint reaches the head. */
export const benchRelayBacklog = async ({ pool, eventStore, broker, subjectPrefix }: Deps, head: GlobalPosition) => {
  let relayed = 0;
  const relay = createRelay({ pool, eventStore, broker, name: 'bench-backlog', subjectPrefix, onPublished: (batch) => (relayed += batch.length) });
  const started = performance.now();
  await relay.start();
  await until(() => {
    const position = relay.position();
    return position !== undefined && comparePositions(position, head) >= 0;
  });
  const elapsed = performance.now() - started;
  await relay.stop();
  return { count: relayed, perSecond: (relayed * 1000) / elapsed };
};

/** Appends at a steady `rate` for `seconds` with a caught-up relay running; append call → broker-ack lag. */
export const benchRelayLag = async ({ pool, eventStore, broker, subjectPrefix }: Deps, head: GlobalPosition | undefined, rate: number, seconds: number) => {
  const appendedAt = new Map<string, number>();
  const lags: number[] = [];
  const relay = createRelay({
    pool,
    eventStore,
    broker,
    name: 'bench-lag',
    subjectPrefix,
    onPublished: (batch) => {
      const now = performance.now();
      for (const event of batch) {
        const t0 = appendedAt.get(event.id);
        if (t0 !== undefined) lags.push(now - t0);
      }
    },
  });
  // Start the relay at the current head so only the steady load is measured.
  if (head) await pool.query(`INSERT INTO paygate_relay_checkpoints (relay, commit_position, prepare_position) VALUES ('bench-lag', $1, $2)`, [
    head.commit.toString(),
    head.prepare.toString(),
  ]);
  await relay.start();
  const total = rate * seconds;
  const started = performance.now();
  const appends: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const id = randomUUID();
    // Measured from the append call: the relay may publish before the append's promise resolves.
    appendedAt.set(id, performance.now());
    appends.push(eventStore.append(`lag-${id}`, [{ id, type: 'LagProbe', data: {} }], { expectedRevision: 'no_stream' }));
  }
  await Promise.all(appends);
  await until(() => lags.length >= total * 0.999);
  await relay.stop();
  return summarise(lags, performance.now() - started);
};

import { randomUUID } from 'node:crypto';
import type { EventStore } from '@paygate/domain';
import { createTelegramClient } from '@paygate/gateways';
import { summarise, type Summary } from '../lib/stats.ts';
import type { BenchPayGate } from './paygate-in-process.ts';

const sequentially = async (count: number, call: (i: number) => Promise<unknown>): Promise<Summary> => {
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await call(i);
    latencies.push(performance.now() - t0);
  }
  return summarise(latencies, performance.now() - started);
};

/**
 * One `sendMessage` at a time to the simulator over HTTP, through the same Bot API client the
 * access manager uses but without its pacing: the floor under "the DM was delivered".
 */
export const sendMessageRoundTrip = async (bench: BenchPayGate, count: number): Promise<Summary> => {
  const client = createTelegramClient({ apiRoot: bench.telegramApiRoot, token: bench.telegramToken, rateLimit: false });
  const user = bench.telegram.control.createUser({ firstName: 'Baseline', startedBot: true });
  return sequentially(count, () => client.sendMessage({ chatId: String(user.id), text: 'baseline' }));
};

/** One single-event append to a new stream at a time: the floor under every step the workers record. */
export const appendRoundTrip = (eventStore: EventStore, count: number): Promise<Summary> =>
  sequentially(count, () =>
    eventStore.append(`bench-baseline-${randomUUID()}`, [{ id: randomUUID(), type: 'BenchBaseline', data: { n: 1 } }], { expectedRevision: 'no_stream' }),
  );

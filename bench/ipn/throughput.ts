import { createIpnSender } from '../../infra/src/faults/ipn-traffic.ts';
import { summarise, type Summary } from '../lib/stats.ts';
import type { IpnPool } from './ipn-pool.ts';

export type ThroughputResult = Summary & { failed: number; statuses: Record<string, number>; exhausted: boolean };

/**
 * Closed loop: `connections` senders, each on its own kept-alive socket, posting the next
 * `finished` IPN as soon as the previous one is answered, for `seconds` (or until the pool runs out).
 */
export const benchIpnThroughput = async (webhookUrl: string, pool: IpnPool, connections: number, seconds: number): Promise<ThroughputResult> => {
  const sender = createIpnSender(webhookUrl, { sockets: connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let failed = 0;
  let exhausted = false;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const loop = async () => {
    while (performance.now() < deadline) {
      const ipn = pool.take();
      if (!ipn) {
        exhausted = true;
        return;
      }
      const answer = await sender.post(ipn);
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      if (answer.status === 200) latencies.push(answer.ms);
      else failed += 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  const elapsed = performance.now() - started;
  sender.close();
  return { ...summarise(latencies, elapsed), failed, statuses, exhausted };
};

import { createIpnSender } from '../../infra/src/faults/ipn-traffic.ts';
import type { IpnPool, PreparedIpn } from './ipn-pool.ts';

export type SteadySend = {
  sent: number;
  failed: number;
  /** Answer times (ms) of the 200s. */
  answers: number[];
  /** How far behind schedule the sender fell at worst (ms): above a few ms, the rate was not held. */
  maxSendDelayMs: number;
  elapsedMs: number;
};

/**
 * Open loop: `rate` `finished` IPNs per second for `seconds` over up to 64 kept-alive sockets,
 * each sent when it is due whatever the answers before it; `onSend` learns when each was due.
 */
export const sendSteadily = async (
  webhookUrl: string,
  ipns: IpnPool,
  { rate, seconds, onSend }: { rate: number; seconds: number; onSend?: (ipn: PreparedIpn, dueAt: number) => void },
): Promise<SteadySend> => {
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
    onSend?.(ipn, due);
    posts.push(
      sender.post(ipn).then((answer) => {
        if (answer.status === 200) answers.push(answer.ms);
        else failed += 1;
      }),
    );
  }
  await Promise.all(posts);
  const elapsedMs = performance.now() - started;
  sender.close();
  return { sent: total, failed, answers, maxSendDelayMs, elapsedMs };
};

import type pg from 'pg';
import { measureCpu } from './cpu-usage.ts';
import { STATS_SETTLE_MS, transactionsSoFar } from './db-transactions.ts';
import type { IpnPool } from './ipn-pool.ts';
import { sendSteadily } from './steady-sender.ts';

export type SteadyCost = {
  ipns: number;
  failed: number;
  windowSeconds: number;
  /** PostgreSQL transactions in the database over the load window, and what an idle PayGate does in as long (measured just before). */
  transactions: { load: number; idle: number };
  /** PayGate CPU seconds (every server process) over the same two windows. */
  paygateCpu: { load: number; idle: number };
  maxSendDelayMs: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What one IPN costs at a steady rate, net of what PayGate does when idle: an idle window, then a
 * window of `rate` IPNs/s for `seconds`, until `settled` (everything the IPNs caused is done: the
 * invites trail at Telegram's pace), plus the stats settle time, each counting the database's
 * transactions and the servers' CPU. The idle figures are scaled to the load window's length. The
 * benchmark itself sends nothing else to the database meanwhile except what `settled` polls.
 */
export const measureSteadyCost = async (
  { webhookUrl, pool, paygatePids }: { webhookUrl: string; pool: pg.Pool; paygatePids: ReadonlyMap<string, number> },
  ipns: IpnPool,
  rate: number,
  seconds: number,
  settled: () => Promise<void> = async () => undefined,
): Promise<SteadyCost> => {
  const windowMs = seconds * 1000 + STATS_SETTLE_MS;
  const paygateSeconds = async (during: () => Promise<unknown>) => {
    const cpu = await measureCpu(paygatePids);
    const started = performance.now();
    await during();
    const used = await cpu();
    // measureCpu gives cores busy; back to CPU seconds over the time it measured.
    return [...used.paygate.values()].reduce((a, b) => a + b, 0) * ((performance.now() - started) / 1000);
  };
  // Earlier phases' transactions must be counted before the idle window starts.
  await sleep(STATS_SETTLE_MS);
  const idleStart = await transactionsSoFar(pool);
  const idleCpu = await paygateSeconds(() => sleep(windowMs));
  const idleEnd = await transactionsSoFar(pool);

  let sent: Awaited<ReturnType<typeof sendSteadily>> | undefined;
  const loadStart = await transactionsSoFar(pool);
  const loadStarted = performance.now();
  const loadCpu = await paygateSeconds(async () => {
    sent = await sendSteadily(webhookUrl, ipns, { rate, seconds });
    await settled();
    await sleep(STATS_SETTLE_MS);
  });
  const loadMs = performance.now() - loadStarted;
  const loadEnd = await transactionsSoFar(pool);
  const scale = loadMs / windowMs;
  return {
    ipns: sent!.sent - sent!.failed,
    failed: sent!.failed,
    windowSeconds: loadMs / 1000,
    transactions: { load: loadEnd - loadStart, idle: (idleEnd - idleStart) * scale },
    paygateCpu: { load: loadCpu, idle: idleCpu * scale },
    maxSendDelayMs: sent!.maxSendDelayMs,
  };
};

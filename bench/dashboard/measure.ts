import { summarise, type Summary } from '../lib/stats.ts';

/** One call of what is measured; it resolves when the whole answer has been read. */
export type Probe = () => Promise<void>;

export type Timing = { serial: Summary; concurrent: Summary };

/**
 * Latency one call at a time (after `warmup` unmeasured calls), then throughput with `concurrency`
 * callers sharing `count` calls: what one reader waits for, and what the process serves at once.
 */
export const timeProbe = async (probe: Probe, options: { warmup: number; count: number; concurrency: number }): Promise<Timing> => {
  for (let i = 0; i < options.warmup; i++) await probe();
  const serial: number[] = [];
  const serialStart = performance.now();
  for (let i = 0; i < options.count; i++) {
    const started = performance.now();
    await probe();
    serial.push(performance.now() - started);
  }
  const serialElapsed = performance.now() - serialStart;

  const concurrent: number[] = [];
  let next = 0;
  const caller = async () => {
    while (next < options.count * 2) {
      next += 1;
      const started = performance.now();
      await probe();
      concurrent.push(performance.now() - started);
    }
  };
  const concurrentStart = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, caller));
  return { serial: summarise(serial, serialElapsed), concurrent: summarise(concurrent, performance.now() - concurrentStart) };
};

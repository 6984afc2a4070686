import type { ExpirySweeper, ExpirySweepLogger, SweepSummary } from './expiry-sweep.ts';

export type ExpiryTimerOptions = {
  sweeper: ExpirySweeper;
  clock: () => Date;
  /** Pause between sweeps (default 60 s); a rate-limited sweep waits what Telegram asked, if longer. */
  intervalMs?: number;
  logger?: ExpirySweepLogger & { info?(object: Record<string, unknown>, message: string): void };
  onSweep?: (summary: SweepSummary) => void;
};

export type ExpiryTimer = {
  /** Runs a sweep now (or joins the one running) and resolves with its summary. */
  runNow(): Promise<SweepSummary>;
  /** Stops scheduling and waits for a running sweep to end. */
  stop(): Promise<void>;
};

/**
 * Drives the sweep on a timer, one at a time. It keeps no state of its own: stopping and
 * starting it (or the process) resumes from the read model and the streams.
 */
export const startExpiryTimer = (options: ExpiryTimerOptions): ExpiryTimer => {
  const intervalMs = options.intervalMs ?? 60_000;
  let running: Promise<SweepSummary> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => void tick(), delayMs);
  };

  const runNow = (): Promise<SweepSummary> => {
    running ??= options.sweeper.sweepExpiries(options.clock()).finally(() => {
      running = undefined;
    });
    return running;
  };

  const tick = async () => {
    let delay = intervalMs;
    try {
      const summary = await runNow();
      options.onSweep?.(summary);
      if (summary.rateLimitedForSeconds !== undefined) delay = Math.max(delay, summary.rateLimitedForSeconds * 1000);
    } catch (error) {
      options.logger?.warn({ err: error }, 'expiry sweep failed; retrying at the next interval');
    }
    schedule(delay);
  };

  schedule(0);
  return {
    runNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
};

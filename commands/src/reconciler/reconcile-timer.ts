import type { IpnReconciler, ReconcileLogger, ReconcileSummary } from './ipn-reconciler.ts';

export type ReconcileTimer = { runNow(): Promise<ReconcileSummary>; stop(): Promise<void> };

/**
 * Runs the reconciler every `intervalMs` (default 60 s), one run at a time. It keeps no state:
 * stopping it (or the process) and starting again resumes from the read models and the streams.
 * Run it in one process at a time (the workers role holds a leader lock for it).
 */
export const startReconcileTimer = (options: {
  reconciler: IpnReconciler;
  clock: () => Date;
  intervalMs?: number;
  logger?: ReconcileLogger;
  onRun?: (summary: ReconcileSummary) => void;
}): ReconcileTimer => {
  const intervalMs = options.intervalMs ?? 60_000;
  let running: Promise<ReconcileSummary> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const runNow = () => {
    running ??= options.reconciler.reconcile(options.clock()).finally(() => {
      running = undefined;
    });
    return running;
  };
  const tick = async () => {
    try {
      // Not `onRun?.(await runNow())`: without onRun the optional call would skip the run itself.
      const summary = await runNow();
      options.onRun?.(summary);
    } catch (error) {
      options.logger?.warn({ err: error }, 'IPN reconciliation failed; retrying at the next interval');
    }
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  timer = setTimeout(() => void tick(), 0);
  return {
    runNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
};

import { describe, expect, it } from 'vitest';
import type { IpnReconciler, ReconcileSummary } from './ipn-reconciler.ts';
import { startReconcileTimer } from './reconcile-timer.ts';

const summary: ReconcileSummary = { asked: 0, recorded: 0, unchanged: 0, failed: 0, unlistable: 0 };

describe('startReconcileTimer', () => {
  it('runs at start and on the interval, one run at a time; a failed run is logged and the next one still comes; stop waits', async () => {
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const warnings: string[] = [];
    const reconciler: IpnReconciler = {
      async reconcile() {
        runs += 1;
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await new Promise((resolve) => setTimeout(resolve, 5));
        concurrent -= 1;
        if (runs === 2) throw new Error('NOWPayments down');
        return summary;
      },
    };
    const timer = startReconcileTimer({ reconciler, clock: () => new Date(), intervalMs: 10, logger: { warn: (_o, message) => void warnings.push(message) } });
    await Promise.all([timer.runNow(), timer.runNow()]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    await timer.stop();
    const stopped = runs;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toBe(stopped);
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(maxConcurrent).toBe(1);
    expect(warnings).toEqual(['IPN reconciliation failed; retrying at the next interval']);
  });
});

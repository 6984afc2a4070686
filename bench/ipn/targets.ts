import { fmt } from '../lib/stats.ts';

/** One of issue 9's targets: what was measured, what it is measured against in the same run, and whether it is met. */
export type TargetResult = { target: string; measured: string; baseline: string; met: boolean | undefined };

/** Collects target lines as phases finish and prints them together at the end, so none is lost in the scroll. */
export const createTargets = () => {
  const results: TargetResult[] = [];
  return {
    add(result: TargetResult) {
      results.push(result);
    },
    /** A ratio target against the same run's pgbench: IPNs/s ≥ ratio × tx/s (and p99 ≤ p99Ms when given). */
    addRatio(target: string, { perSecond, p99, pgbenchTps, ratio, p99Ms }: { perSecond: number; p99: number; pgbenchTps: number; ratio: number; p99Ms?: number }) {
      const got = perSecond / pgbenchTps;
      results.push({
        target,
        measured: `${fmt(perSecond)} IPNs/s = ${fmt(got, 3)}× (needs ${fmt(pgbenchTps * ratio)}), p99 ${fmt(p99, 2)} ms`,
        baseline: `pgbench ${fmt(pgbenchTps)} tx/s`,
        met: got >= ratio && (p99Ms === undefined || p99 <= p99Ms),
      });
    },
    print() {
      console.log('\ntargets (issue 9), each against its same-run baseline:');
      for (const { target, measured, baseline, met } of results) {
        console.log(`  ${met === undefined ? 'not measured' : met ? 'met    ' : 'NOT met'}  ${target}: ${measured}  [baseline: ${baseline}]`);
      }
    },
  };
};

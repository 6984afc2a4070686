import { ROLE_NAMES, type RunningPayGate } from '../../infra/src/runtime/index.ts';
import { startBenchPayGate } from '../lifecycle/paygate-in-process.ts';

export type BenchPayoutsPayGate = {
  running: RunningPayGate;
  /** Warnings and errors PayGate logged, by message (the lines themselves are not printed). */
  problems(): Map<string, { level: 'warn' | 'error'; count: number }>;
  /** 'payout step failed' lines: how many, the highest attempt number, and how many were final (the payout stopped, failed). */
  stepFailures(): { count: number; maxAttempt: number; final: number };
  stop(): Promise<void>;
};

/**
 * Every role in this process, as `paygate start` runs them, in sandbox mode pointed at the bench's
 * own anvil and ChangeNOW simulator (PAYGATE_SANDBOX_CHAIN_URL / _CHANGENOW_URL), so the chain the
 * baseline measured is the chain the payouts ride.
 */
export const startPayoutsPayGate = async (input: {
  databaseUrl: string;
  natsUrl: string;
  stream: string;
  chainUrl: string;
  changenowUrl: string;
  confirmations: number;
  logLevel: string;
}): Promise<BenchPayoutsPayGate> => {
  const stepFailures = { count: 0, maxAttempt: 0, final: 0 };
  const bench = await startBenchPayGate({
    ...input,
    roles: ROLE_NAMES,
    env: { PAYOUT_CONFIRMATIONS: String(input.confirmations), PAYGATE_SANDBOX_CHAIN_URL: input.chainUrl, PAYGATE_SANDBOX_CHANGENOW_URL: input.changenowUrl },
    onProblemLine: (line) => {
      if (line.msg !== 'payout step failed') return;
      stepFailures.count += 1;
      stepFailures.maxAttempt = Math.max(stepFailures.maxAttempt, typeof line.attempt === 'number' ? line.attempt : 0);
      if (line.final === true) stepFailures.final += 1;
    },
  });
  return { running: bench.running, problems: bench.problems, stepFailures: () => ({ ...stepFailures }), stop: bench.stop };
};

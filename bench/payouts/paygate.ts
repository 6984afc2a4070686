import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../infra/src/config/index.ts';
import { createLogger } from '../../infra/src/logging/index.ts';
import { startPayGate, type RunningPayGate } from '../../infra/src/runtime/index.ts';

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
  const dataDir = await mkdtemp(join(tmpdir(), 'paygate-bench-payouts-'));
  const config = loadConfig({
    DATABASE_URL: input.databaseUrl,
    NATS_URL: input.natsUrl,
    NATS_STREAM: input.stream,
    NATS_SUBJECT_PREFIX: `bench.${input.stream.toLowerCase()}`,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: input.logLevel,
    PAYGATE_DATA_DIR: dataDir,
    PAYGATE_OPERATOR_KEY: randomBytes(16).toString('hex'),
    PAYOUT_CONFIRMATIONS: String(input.confirmations),
    PAYGATE_SANDBOX_CHAIN_URL: input.chainUrl,
    PAYGATE_SANDBOX_CHANGENOW_URL: input.changenowUrl,
  });
  const problems = new Map<string, { level: 'warn' | 'error'; count: number }>();
  const stepFailures = { count: 0, maxAttempt: 0, final: 0 };
  const logger = createLogger({
    level: config.logLevel,
    destination: {
      write: (line: string) => {
        if (!/"level":[4-6]0/.test(line)) return;
        const { level, msg, manager, err, attempt, final } = JSON.parse(line) as { level: number; msg: string; manager?: string; err?: unknown; attempt?: number; final?: boolean };
        if (msg === 'payout step failed') {
          stepFailures.count += 1;
          stepFailures.maxAttempt = Math.max(stepFailures.maxAttempt, attempt ?? 0);
          if (final) stepFailures.final += 1;
        }
        const reason = typeof err === 'string' ? err : (err as { message?: string } | undefined)?.message;
        // Ids and hashes vary per line; the message and reason say what happened.
        const key = [msg, manager, reason?.replace(/0x[0-9a-f]{8,}/gi, '0x…').replace(/\b(ch|inv|pay)_[\w-]+/g, '$1_…').slice(0, 160)].filter(Boolean).join(' — ');
        const seen = problems.get(key) ?? { level: level >= 50 ? 'error' : 'warn', count: 0 };
        seen.count += 1;
        problems.set(key, seen);
      },
    },
  });
  const running = await startPayGate({ config, logger });
  return {
    running,
    problems: () => problems,
    stepFailures: () => ({ ...stepFailures }),
    stop: async () => {
      await running.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

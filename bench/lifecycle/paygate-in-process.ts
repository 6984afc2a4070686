import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NowPaymentsSandbox, TelegramSandbox } from '@paygate/gateways';
import { loadConfig } from '../../infra/src/config/index.ts';
import { startPayGate, type RunningPayGate } from '../../infra/src/runtime/index.ts';
import type { PaymentFlow } from '../../infra/src/flows/index.ts';
import { createLogger } from '../../infra/src/logging/index.ts';

export type BenchPayGate = {
  running: RunningPayGate;
  /** The Bot API simulator and the NOWPayments sandbox the api role serves (no live token or API URL). */
  telegram: TelegramSandbox;
  nowPayments: NowPaymentsSandbox;
  flow: PaymentFlow;
  /** Where the bot's Bot API calls go, and its (public, sandbox-only) token. */
  telegramApiRoot: string;
  telegramToken: string;
  /** The bot's message budget the run paces to (TELEGRAM_MESSAGES_PER_SECOND). */
  messagesPerSecond: number;
  /** Warnings and errors PayGate logged, by message (the lines themselves are not printed). */
  problems(): Map<string, { level: 'warn' | 'error'; count: number }>;
  stop(): Promise<void>;
};

/**
 * The real roles in this process, as `paygate start --roles …` runs them: PostgreSQL event store
 * and read models, NATS JetStream, both sandboxes mounted on the api role.
 */
export const startBenchPayGate = async (input: {
  databaseUrl: string;
  natsUrl: string;
  stream: string;
  roles: readonly string[];
  logLevel: string;
  /** TELEGRAM_MESSAGES_PER_SECOND; unset: the production default. */
  messagesPerSecond?: string;
  /** More settings (a bench's own chain and exchange, say). */
  env?: Record<string, string>;
  /** Sees every warning or error line PayGate logs, parsed, before it is counted. */
  onProblemLine?: (line: Record<string, unknown>) => void;
}): Promise<BenchPayGate> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'paygate-bench-lifecycle-'));
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
    ...(input.messagesPerSecond === undefined ? {} : { TELEGRAM_MESSAGES_PER_SECOND: input.messagesPerSecond }),
    ...input.env,
  });
  const problems = new Map<string, { level: 'warn' | 'error'; count: number }>();
  const logger = createLogger({
    level: config.logLevel,
    destination: {
      write: (line: string) => {
        if (!/"level":[4-6]0/.test(line)) return;
        const parsed = JSON.parse(line) as { level: number; msg: string; manager?: string; err?: unknown };
        input.onProblemLine?.(parsed);
        const { level, msg, manager, err } = parsed;
        const reason = typeof err === 'string' ? err : (err as { message?: string } | undefined)?.message;
        // Ids and hashes vary per line; the message and reason say what happened.
        const key = [msg, manager, reason?.replace(/0x[0-9a-f]{8,}/gi, '0x…').replace(/\b(ch|inv|pay)_[\w-]+/g, '$1_…').slice(0, 160)].filter(Boolean).join(' — ');
        const seen = problems.get(key) ?? { level: level >= 50 ? 'error' : 'warn', count: 0 };
        seen.count += 1;
        problems.set(key, seen);
      },
    },
  });
  const running = await startPayGate({ config, roles: input.roles, logger });
  const { telegram, nowPayments, payments } = running.paygate;
  return {
    running,
    telegram: telegram.sandbox!,
    nowPayments: nowPayments.sandbox!,
    flow: payments,
    telegramApiRoot: telegram.apiRoot(),
    telegramToken: telegram.token,
    messagesPerSecond: config.telegramMessagesPerSecond,
    problems: () => problems,
    stop: async () => {
      await running.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

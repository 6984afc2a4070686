// Test helper (not product code): runs the real `paygate` binary as a child process.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../../../..');
export const PAYGATE_BIN = join(REPO_ROOT, 'infra/bin/paygate.ts');

/** Node 24 from the project's devDependencies (the machine's own node may be older). */
export const projectNode = (): string => {
  const local = join(REPO_ROOT, 'node_modules/.bin/node');
  return existsSync(local) ? local : process.execPath;
};

/** The process environment without anything that would point PayGate at real services. */
export const cleanEnv = (extra: Record<string, string> = {}): Record<string, string> => {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(DATABASE_\w+|NATS_URL|EVENTSTORE_URL|PORT|HOST|LOG_LEVEL|LOG_FORMAT|NATS_STREAM|RATE_LIMIT_\w+|PAYOUT_\w+|CHANGENOW_\w+|ETHEREUM_\w+|HOST_WALLET_\w+|EXPLORER_TX_URL)$/.test(key)) continue;
    if (key.startsWith('PAYGATE_') || key.startsWith('NOWPAYMENTS_') || key.startsWith('TELEGRAM_')) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
};

export type PaygateProcess = {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

export const spawnPaygate = (args: readonly string[], env: Record<string, string>): PaygateProcess => {
  const child = spawn(projectNode(), [PAYGATE_BIN, ...args], { cwd: REPO_ROOT, env });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
};

/** Resolves with the exit, or rejects after `ms`. */
export const exitWithin = <T>(exited: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    exited,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not exit within ${ms} ms`)), ms).unref()),
  ]);

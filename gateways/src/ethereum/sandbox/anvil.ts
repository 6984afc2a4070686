import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PayGateError } from '@paygate/domain';
import { createJsonRpc, type JsonRpc } from '../json-rpc.ts';
import { toQuantity } from '../rpc-values.ts';
import { anvilBinaryPath } from './anvil-binary.ts';
import { ANVIL_DEV_ACCOUNTS, type DevAccount } from './dev-accounts.ts';

export type AnvilOptions = {
  /** 0 or absent: anvil picks a free port. */
  readonly port?: number;
  /** Interval mining (`--block-time`); absent: automine, one block per transaction. */
  readonly blockTimeSeconds?: number;
  readonly chainId?: number;
  /** Load the chain from, and dump it on stop to, `<stateDir>/state.json`. */
  readonly stateDir?: string;
  /** Receives anvil's output lines; absent: the output is discarded. */
  readonly debug?: (line: string) => void;
  readonly startTimeoutMs?: number;
};

/** A local anvil chain and the cheat codes the sandbox and tests need. */
export type Anvil = {
  readonly rpcUrl: string;
  readonly chainId: number;
  readonly accounts: readonly DevAccount[];
  /** Any JSON-RPC call, for what the helpers below do not cover. */
  readonly rpc: JsonRpc;
  mine(blocks?: number): Promise<void>;
  dropTransaction(hash: string): Promise<void>;
  setAutomine(enabled: boolean): Promise<void>;
  /** Mines a block every `seconds` from now on (0: back to automine). */
  setIntervalMining(seconds: number): Promise<void>;
  setBalance(address: string, wei: bigint): Promise<void>;
  snapshot(): Promise<string>;
  revert(snapshotId: string): Promise<boolean>;
  /** Replaces the last `depth` blocks with empty ones; their transactions are gone (`anvil_reorg`). */
  reorg(depth: number): Promise<void>;
  /** Stops anvil (SIGTERM, so `stateDir` is written) and waits for it to exit. */
  stop(): Promise<void>;
};

// anvil runs under a tiny sh watchdog that holds our stdin pipe on fd 3: when this process dies in
// any way, even SIGKILL, the pipe closes, `read` returns and anvil is terminated. `$0` is the binary.
const WATCHDOG = 'exec 3<&0; "$0" "$@" </dev/null & pid=$!; (read -r _ <&3; kill "$pid" 2>/dev/null) & wait "$pid"';
const LISTENING = /Listening on [\d.]+:(\d+)/;
const STOP_GRACE_MS = 5_000;

export const startAnvil = async (options: AnvilOptions = {}): Promise<Anvil> => {
  const chainId = options.chainId ?? 31337;
  const args = ['--host', '127.0.0.1', '--port', String(options.port ?? 0), '--chain-id', String(chainId)];
  if (options.blockTimeSeconds !== undefined) args.push('--block-time', String(options.blockTimeSeconds));
  if (options.stateDir !== undefined) {
    mkdirSync(options.stateDir, { recursive: true });
    args.push('--state', path.join(options.stateDir, 'state.json'));
  }
  const child = spawn('/bin/sh', ['-c', WATCHDOG, anvilBinaryPath(), ...args], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  const pid = child.pid;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      if (pid !== undefined) process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  };
  const onParentExit = (): void => killGroup('SIGTERM');
  process.once('exit', onParentExit);

  const recent: string[] = [];
  let port: number | undefined;
  let portFound: () => void = () => {};
  const listening = new Promise<void>((resolve) => (portFound = resolve));
  const onOutput = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      options.debug?.(line);
      recent.push(line);
      if (recent.length > 20) recent.shift();
      const match = port === undefined ? LISTENING.exec(line) : null;
      if (match !== null) {
        port = Number(match[1]);
        portFound();
      }
    }
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);

  const stop = async (): Promise<void> => {
    process.removeListener('exit', onParentExit);
    child.stdin.end();
    const timer = setTimeout(() => killGroup('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  const timeoutMs = options.startTimeoutMs ?? 20_000;
  const outcome = await Promise.race([
    listening.then(() => 'listening' as const),
    exited.then(() => 'exited' as const),
    new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref()),
  ]);
  if (outcome !== 'listening' || port === undefined) {
    await stop();
    throw new PayGateError('unavailable', `anvil did not start (${outcome}): ${recent.slice(-5).join(' | ')}`);
  }
  const rpcUrl = `http://127.0.0.1:${port}`;
  const rpc = createJsonRpc({ url: rpcUrl, timeoutMs: 10_000 });
  try {
    await rpc.call('eth_chainId');
  } catch (error) {
    await stop();
    throw error;
  }
  // A forgotten anvil must not keep the process alive; the exit handler and the watchdog end it.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref?: () => void }).unref?.();

  return {
    rpcUrl,
    chainId,
    accounts: ANVIL_DEV_ACCOUNTS,
    rpc,
    mine: async (blocks = 1) => void (await rpc.call('anvil_mine', [toQuantity(blocks)])),
    dropTransaction: async (hash) => void (await rpc.call('anvil_dropTransaction', [hash])),
    setAutomine: async (enabled) => void (await rpc.call('evm_setAutomine', [enabled])),
    setIntervalMining: async (seconds) => void (await rpc.call('evm_setIntervalMining', [seconds])),
    setBalance: async (address, wei) => void (await rpc.call('anvil_setBalance', [address, toQuantity(wei)])),
    snapshot: () => rpc.call<string>('evm_snapshot'),
    revert: (snapshotId) => rpc.call<boolean>('evm_revert', [snapshotId]),
    reorg: async (depth) => void (await rpc.call('anvil_reorg', [depth, []])),
    stop,
  };
};

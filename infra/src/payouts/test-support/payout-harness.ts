// Test helper (not product code): a PayGate test bench for the payout tests. One database, one NATS
// stream, one data dir and one payout world (anvil behind the RPC relay, the ChangeNOW simulator)
// for a whole file; `paygate start` processes the test starts, kills and restarts on them; the CLI
// (payout-cli.ts) to set up channels, pay, and read payouts, balances and the ledger.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getAddress, id as keccakText, Interface } from 'ethers';
import { createSandboxWallet, ANVIL_DEV_ACCOUNTS } from '@paygate/gateways';
import { createTestDatabase, testNatsUrl, uniqueName, waitFor, type TestDatabase } from '@paygate/testkit';
import { cleanEnv, exitWithin, spawnPaygate, type PaygateProcess } from '../../cli/test-support/spawn-paygate.ts';
import { deleteStreams } from '../../relay/test-support/jetstream-contents.ts';
import { payoutCli, type PayoutCli } from './payout-cli.ts';
import { startPayoutWorld, type ChainTransfer, type PayoutWorld } from './payout-world.ts';

/** A fresh owner wallet nobody on the sandbox chain has ever used (derived from `label`). */
export const freshWallet = (label: string): string => getAddress(`0x${keccakText(`payout-faults/${label}`).slice(-40)}`);

/** An anvil dev account no part of the sandbox uses: where a test parks the host wallet's tokens. */
export const PARKING_ACCOUNT = ANVIL_DEV_ACCOUNTS[3]!;

/** `ms` as seconds, for the timings the tests log. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export type PayoutHarness = PayoutCli & {
  world: PayoutWorld;
  database: TestDatabase;
  env: Record<string, string>;
  /** The `paygate start` running now, if any. */
  readonly server: PaygateProcess | undefined;
  /** Starts `paygate start` (extra env on top of the bench's) and waits until it listens. */
  start(extraEnv?: Record<string, string>): Promise<PaygateProcess>;
  /** SIGKILLs the process and resolves once it is gone. */
  kill(process: PaygateProcess): Promise<void>;
  /** SIGTERM, SIGKILL after 30 s. */
  stop(): Promise<void>;
  /** Mined host-wallet transactions to `address` (from the chain). */
  transfersTo(address: string): Promise<ChainTransfer[]>;
  /** Moves sandbox tokens between dev accounts on the chain directly (not through PayGate). */
  sendToken(fromKey: string, currency: string, to: string, amount: bigint): Promise<string>;
  close(): Promise<void>;
};

export type PayoutHarnessOptions = {
  /** Names the database, the NATS stream and the data dir. */
  name: string;
  /** PAYOUT_CONFIRMATIONS: blocks on top of a transfer before it counts (2 unless told). */
  confirmations?: number;
  /** Extra env for every process, on top of the bench's. */
  env?: Record<string, string>;
};

const ERC20_TRANSFER = new Interface(['function transfer(address to, uint256 amount)']);
const OPERATOR_KEY = 'op-key-payout-faults-7c2e91d4';

export const startPayoutHarness = async (options: PayoutHarnessOptions): Promise<PayoutHarness> => {
  const world = await startPayoutWorld({ blockTimeSeconds: 1 });
  const database = await createTestDatabase(options.name.toLowerCase());
  const dataDir = await mkdtemp(join(tmpdir(), `paygate-${options.name}-`));
  const stream = uniqueName(options.name.toUpperCase());
  const env = cleanEnv({
    DATABASE_URL: database.url,
    NATS_URL: testNatsUrl(),
    NATS_STREAM: stream,
    NATS_SUBJECT_PREFIX: `test.${stream.toLowerCase()}`,
    PORT: '0',
    HOST: '127.0.0.1',
    PAYGATE_DATA_DIR: dataDir,
    PAYGATE_OPERATOR_KEY: OPERATOR_KEY,
    PLATFORM_FEE_BPS: '500',
    PAYOUT_CONFIRMATIONS: String(options.confirmations ?? 2),
    ...world.env,
    ...options.env,
  });
  let server: PaygateProcess | undefined;
  let starts = 0;
  const alive = (running: PaygateProcess) => running.child.exitCode === null && running.child.signalCode === null;

  const harness: PayoutHarness = {
    ...payoutCli(env),
    world,
    database,
    env,
    get server() {
      return server;
    },
    async start(extraEnv = {}) {
      if (server && alive(server)) throw new Error('a paygate start is running already');
      const started = spawnPaygate(['start'], { ...env, ...extraEnv });
      server = started;
      starts += 1;
      // PAYOUT_HARNESS_LOG_DIR=<dir>: each server's output goes to <dir>/<name>-<n>.log as well (debugging).
      const logDir = process.env.PAYOUT_HARNESS_LOG_DIR;
      if (logDir !== undefined) {
        const log = createWriteStream(join(logDir, `${options.name}-${starts}.log`));
        started.child.stdout.on('data', (chunk: Buffer) => log.write(chunk));
        started.child.stderr.on('data', (chunk: Buffer) => log.write(chunk));
        started.child.on('exit', (code, signal) => log.end(`\n[exit ${code} ${signal}]\n`));
      }
      const outcome = await waitFor('paygate start listening', () => (started.stdout().includes('PayGate listening on') ? 'up' : !alive(started) && 'exited'), {
        timeoutMs: 60_000,
        intervalMs: 50,
      });
      if (outcome === 'exited') throw new Error(`paygate start exited: ${started.stderr()}`);
      return started;
    },
    async kill(running) {
      running.child.kill('SIGKILL');
      await running.exited;
    },
    async stop() {
      if (!server || !alive(server)) return;
      const current = server;
      current.child.kill('SIGTERM');
      await exitWithin(current.exited, 30_000, 'paygate start').catch(async () => {
        current.child.kill('SIGKILL');
        await current.exited;
      });
    },
    async transfersTo(address) {
      return (await world.hostTransfers()).filter((transfer) => transfer.to === address.toLowerCase());
    },
    async sendToken(fromKey, currency, to, amount) {
      const token = world.chain.tokens[currency]!;
      const data = ERC20_TRANSFER.encodeFunctionData('transfer', [to, amount]);
      const { hash } = await createSandboxWallet(world.anvil.rpc, fromKey).send({ to: token.address, data });
      return hash;
    },
    async close() {
      await harness.stop();
      await world.stop();
      await deleteStreams(testNatsUrl(), stream, `${stream}_DEAD`, `${stream}_REPLAY`);
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
};

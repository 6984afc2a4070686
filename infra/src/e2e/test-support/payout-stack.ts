// Test helper (not product code): PostgreSQL, a NATS stream, the payout world (anvil + ChangeNOW
// simulator, owned by the test) and one spawned `paygate start` pointed at them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, testNatsUrl, uniqueName, waitFor } from '@paygate/testkit';
import { cleanEnv, exitWithin, spawnPaygate, type PaygateProcess } from '../../cli/test-support/spawn-paygate.ts';
import { startPayoutWorld, type PayoutWorld } from '../../payouts/test-support/payout-world.ts';
import { deleteStreams } from '../../relay/test-support/jetstream-contents.ts';

export type PayoutStack = { world: PayoutWorld; env: Record<string, string>; server: PaygateProcess; stop(): Promise<void> };

export const startPayoutStack = async (name: string, extraEnv: Record<string, string> = {}): Promise<PayoutStack> => {
  const world = await startPayoutWorld({ blockTimeSeconds: 1 });
  const database = await createTestDatabase(`e2e_${name.toLowerCase()}`);
  const dataDir = await mkdtemp(join(tmpdir(), `paygate-${name.toLowerCase()}-`));
  const stream = uniqueName(name.toUpperCase());
  const env = cleanEnv({
    DATABASE_URL: database.url,
    NATS_URL: testNatsUrl(),
    NATS_STREAM: stream,
    NATS_SUBJECT_PREFIX: `test.${stream.toLowerCase()}`,
    PORT: '0',
    HOST: '127.0.0.1',
    PAYGATE_DATA_DIR: dataDir,
    PAYGATE_OPERATOR_KEY: 'op-key-payouts-e2e-5d1c8a7b',
    PLATFORM_FEE_BPS: '500',
    PAYOUT_CONFIRMATIONS: '2',
    ...world.env,
    ...extraEnv,
  });
  const server = spawnPaygate(['start'], env);
  await waitFor('paygate start listening', () => server.stdout().includes('PayGate listening on'), { timeoutMs: 60_000 });
  return {
    world,
    env,
    server,
    async stop() {
      server.child.kill('SIGTERM');
      await exitWithin(server.exited, 30_000, 'paygate start').catch(() => server.child.kill('SIGKILL'));
      await world.stop();
      await deleteStreams(testNatsUrl(), stream, `${stream}_DEAD`, `${stream}_REPLAY`);
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

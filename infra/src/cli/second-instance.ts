import { PayGateError } from '@paygate/domain';
import type { Config } from '../config/index.ts';
import { readRuntimeInfo } from '../runtime/runtime-file.ts';

/**
 * A second `paygate start` on the data directory of a running one would start a second embedded
 * PostgreSQL on the same files: it stops here with one line saying where the first one is.
 * Exit 1, not 2: the command line and configuration are fine, and the same command succeeds once
 * the other instance stops, as with a port already in use. With DATABASE_URL several processes
 * may share a data directory (one per role), so nothing is refused then.
 */
export const refuseSecondInstance = async (config: Config): Promise<void> => {
  if (config.databaseUrl !== undefined) return;
  const running = await readRuntimeInfo(config.dataDir);
  if (running === undefined || running.pid === process.pid) return;
  const where = running.apiUrl === undefined ? `on ${config.dataDir}` : `at ${running.apiUrl}`;
  throw new PayGateError('conflict', `PayGate is already running ${where} (pid ${running.pid}); stop it first, or set another PAYGATE_DATA_DIR`);
};

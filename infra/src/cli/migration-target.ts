import type { Config } from '../config/index.ts';
import { embeddedOwnerUrl } from '../runtime/embedded-postgres.ts';
import { readRuntimeInfo } from '../runtime/runtime-file.ts';

export type MigrationTarget = { config: Config; joined?: { pid: number } };

/**
 * What `paygate migrate` migrates. With DATABASE_URL: that database. Without, and with a
 * `paygate start` running on the same data directory: its embedded PostgreSQL, found through
 * runtime.json, as that server's superuser (whose password file lies beside it), instead of a
 * second server on the same files. Otherwise an embedded server for the duration.
 */
export const migrationTarget = async (config: Config): Promise<MigrationTarget> => {
  if (config.databaseUrl !== undefined) return { config };
  const running = await readRuntimeInfo(config.dataDir);
  if (!running?.databaseUrl) return { config };
  const databaseOwnerUrl = await embeddedOwnerUrl(config.dataDir, running.databaseUrl);
  return { config: { ...config, databaseUrl: running.databaseUrl, databaseOwnerUrl }, joined: { pid: running.pid } };
};

import { PayGateError } from '@paygate/domain';
import { loadConfig, type Config, type Env } from '../config/index.ts';
import { commandLogger } from './command-logger.ts';
import type { PayGate } from '../runtime/compose-paygate.ts';
import type { RunningPlatform } from '../runtime/platform.ts';
import { readRuntimeInfo } from '../runtime/runtime-file.ts';

export type CommandPlatform = {
  platform: RunningPlatform;
  /** The object graph, from the composition root; its sandboxes are reached at the running api. */
  paygate: PayGate;
  /** Where the running `paygate start` serves its api, if one runs on this data directory. */
  apiUrl: string | undefined;
  close(): Promise<void>;
};

/**
 * Opens the platform and composes PayGate for a one-shot command. With DATABASE_URL it connects
 * there (migrating first through DATABASE_OWNER_URL when set, like `paygate start`); without, it
 * joins the embedded PostgreSQL of the `paygate start` running on the same data directory, as its
 * app role, read from `.paygate/runtime.json` (never starts a second server on the same files).
 */
export const openCommandPlatform = async (env: Env): Promise<CommandPlatform> => {
  const config = loadConfig(env);
  const running = await readRuntimeInfo(config.dataDir);
  let effective: Config = config;
  if (config.databaseUrl === undefined) {
    if (!running?.databaseUrl) {
      throw new PayGateError(
        'unavailable',
        `no running PayGate found in ${config.dataDir}: start one with \`paygate start\`, or set DATABASE_URL`,
      );
    }
    // The running instance has migrated already; a command connects as its app role only (the
    // embedded superuser's password is never written to runtime.json).
    effective = { ...config, databaseUrl: running.databaseUrl, databaseOwnerUrl: undefined };
  }
  // Commands print results on stdout; their logs go to stderr and stay quiet unless asked.
  const logger = commandLogger(effective, { to: 'stderr', level: env.LOG_LEVEL ? config.logLevel : 'warn' });
  // Loaded here, not at the top: `--help` and usage errors stay fast and need no adapters.
  const [{ createPlatform }, { composePayGate }] = await Promise.all([import('../runtime/platform.ts'), import('../runtime/compose-paygate.ts')]);
  const platform = await createPlatform(effective, { logger });
  try {
    // IPN callbacks and the sandboxes belong to the running api, not to this short-lived process.
    const paygate = composePayGate(platform, running?.apiUrl === undefined ? {} : { apiUrl: running.apiUrl });
    return { platform, paygate, apiUrl: running?.apiUrl, close: () => platform.close() };
  } catch (error) {
    await platform.close();
    throw error;
  }
};

/** Runs `work` with an open platform and always closes it. */
export const withCommandPlatform = async <T>(env: Env, work: (opened: CommandPlatform) => Promise<T>): Promise<T> => {
  const opened = await openCommandPlatform(env);
  try {
    return await work(opened);
  } finally {
    await opened.close();
  }
};

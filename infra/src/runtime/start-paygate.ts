import { configSecrets, type Config } from '../config/index.ts';
import { createLogger, type Logger } from '../logging/index.ts';
import { composePayGate, type PayGate } from './compose-paygate.ts';
import { createPlatform, type CreatePlatformOptions, type RunningPlatform } from './platform.ts';
import { ROLE_NAMES, resolveRoleNames, type Role } from './role.ts';
import { startRoles } from './start-roles.ts';
import { removeRuntimeInfo, writeRuntimeInfo } from './runtime-file.ts';
import { startTelemetry, type RunningTelemetry } from '../telemetry/index.ts';

/** The payout sandbox's chain, when this process started it (for `paygate sandbox wallet`). */
const chainUrlOf = (paygate: PayGate): { chainUrl?: string } => {
  const sandbox = paygate.payouts.gateways.sandbox?.();
  return sandbox === undefined ? {} : { chainUrl: sandbox.chainUrl };
};

export type StartPayGateOptions = {
  config: Config;
  /** Role names (e.g. from `--roles`); default: every role. */
  roles?: readonly string[];
  logger?: Logger;
  platform?: Omit<CreatePlatformOptions, 'logger'>;
  /** The pid runtime.json names; default this process. A `--processes` worker names its primary. */
  runtimePid?: number;
};

export type RunningPayGate = {
  platform: RunningPlatform;
  /** The process's object graph (tests and benchmarks drive the sandboxes through it). */
  paygate: PayGate;
  roles: readonly Role[];
  /** Where the api role listens, when it runs. */
  url?: string;
  /** Stops roles (reverse order), then closes the platform. `clean` is false if a role failed to stop. */
  stop(): Promise<{ clean: boolean }>;
};

/**
 * Boots one process: checks the requested roles exist (before opening anything), opens the
 * platform (which migrates as the owner role, then connects as the app role), composes the
 * object graph, then builds and starts the requested roles in order. Any failure closes what was
 * opened and rethrows.
 */
export const startPayGate = async (options: StartPayGateOptions): Promise<RunningPayGate> => {
  const { config } = options;
  const names = options.roles === undefined ? [...ROLE_NAMES] : resolveRoleNames(options.roles);
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets: configSecrets(config) });
  logger.debug({ roles: names }, 'starting PayGate');

  const opened = await createPlatform(config, { ...options.platform, logger });
  let telemetry: RunningTelemetry<RunningPlatform> | undefined;
  try {
    // Tracing (when configured) and metrics, before anything is built on the platform.
    telemetry = await startTelemetry(opened, logger);
    const { platform, metrics } = telemetry;
    const paygate = composePayGate(platform, { metrics });
    const roles = names.map((name) => paygate.roles[name]());
    const running = await startRoles(roles, logger);
    const url = roles.map((role) => role.url?.()).find((value) => value !== undefined);
    logger.info({ roles: names, url }, 'PayGate started');
    const apiUrl = paygate.address.localApiUrl();
    await writeRuntimeInfo(config.dataDir, {
      pid: options.runtimePid ?? process.pid,
      ...(url === undefined || apiUrl === undefined ? {} : { apiUrl }),
      ...(platform.embeddedDatabase ? { databaseUrl: platform.databaseUrl } : {}),
      ...chainUrlOf(paygate),
      startedAt: new Date().toISOString(),
    });

    let stopping: Promise<{ clean: boolean }> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        await removeRuntimeInfo(config.dataDir).catch(() => undefined);
        const { failed } = await running.stop();
        await telemetry?.stop();
        await platform.close();
        logger.info({ clean: failed.length === 0 }, 'PayGate stopped');
        return { clean: failed.length === 0 };
      })());
    return { platform, paygate, roles, url, stop };
  } catch (error) {
    await telemetry?.stop();
    await opened.close();
    throw error;
  }
};

import { configSecrets, type Config } from '../config/index.ts';
import { createLogger, type Logger } from '../logging/index.ts';
import type { MigrationStep } from './migration-steps.ts';
import { createPlatform, type CreatePlatformOptions, type RunningPlatform } from './platform.ts';
import type { Role } from './role.ts';
import { roleRegistry, type RoleRegistry } from './role-registry.ts';
import { startRoles } from './start-roles.ts';
import { removeRuntimeInfo, writeRuntimeInfo } from './runtime-file.ts';
import { localApiUrl } from './public-address.ts';

export type StartPayGateOptions = {
  config: Config;
  /** Role names (e.g. from `--roles`); default: every registered role. */
  roles?: readonly string[];
  registry?: RoleRegistry;
  logger?: Logger;
  platform?: Omit<CreatePlatformOptions, 'logger'>;
  /** Schema steps after the built-in ones (run as the owner role); default: the registered ones. */
  migrationSteps?: readonly MigrationStep[];
};

export type RunningPayGate = {
  platform: RunningPlatform;
  roles: readonly Role[];
  /** Where the api role listens, when it runs. */
  url?: string;
  /** Stops roles (reverse order), then closes the platform. `clean` is false if a role failed to stop. */
  stop(): Promise<{ clean: boolean }>;
};

/**
 * Boots one process: checks the requested roles exist (before opening anything), opens the
 * platform (which migrates as the owner role, then connects as the app role), then starts the
 * roles in order. Any failure closes what was opened and rethrows.
 */
export const startPayGate = async (options: StartPayGateOptions): Promise<RunningPayGate> => {
  const { config } = options;
  const registry = options.registry ?? roleRegistry;
  const names = options.roles === undefined ? registry.registered() : registry.resolve(options.roles);
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets: configSecrets(config) });
  logger.info({ roles: names }, 'starting PayGate');

  const platform = await createPlatform(config, {
    ...options.platform,
    logger,
    ...(options.migrationSteps === undefined ? {} : { migrationSteps: options.migrationSteps }),
  });
  try {
    const roles: Role[] = [];
    for (const name of names) roles.push(await registry.get(name)!(platform));
    const running = await startRoles(roles, logger);
    const url = roles.map((role) => role.url?.()).find((value) => value !== undefined);
    logger.info({ roles: names, url }, 'PayGate started');
    await writeRuntimeInfo(config.dataDir, {
      pid: process.pid,
      ...(url === undefined ? {} : { apiUrl: localApiUrl(platform) }),
      ...(platform.embeddedDatabase ? { databaseUrl: platform.databaseUrl } : {}),
      startedAt: new Date().toISOString(),
    });

    let stopping: Promise<{ clean: boolean }> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        await removeRuntimeInfo(config.dataDir).catch(() => undefined);
        const { failed } = await running.stop();
        await platform.close();
        logger.info({ clean: failed.length === 0 }, 'PayGate stopped');
        return { clean: failed.length === 0 };
      })());
    return { platform, roles, url, stop };
  } catch (error) {
    await platform.close();
    throw error;
  }
};

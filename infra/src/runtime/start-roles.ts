import type { Logger } from '../logging/index.ts';
import type { Role } from './role.ts';

export type RunningRoles = {
  roles: readonly Role[];
  /** Stops roles in reverse start order, logging each; errors are logged and the rest still stop. */
  stop(): Promise<{ failed: string[] }>;
};

const stopAll = async (roles: readonly Role[], logger: Logger): Promise<{ failed: string[] }> => {
  const failed: string[] = [];
  for (const role of [...roles].reverse()) {
    logger.info({ role: role.name }, 'stopping role');
    try {
      await role.stop();
      logger.info({ role: role.name }, 'role stopped');
    } catch (error) {
      failed.push(role.name);
      logger.error({ role: role.name, err: error }, 'role failed to stop cleanly');
    }
  }
  return { failed };
};

/**
 * Starts roles one after another. If one fails to start, those already running are stopped
 * (in reverse) and the error is rethrown, so a process never half-runs.
 */
export const startRoles = async (roles: readonly Role[], logger: Logger): Promise<RunningRoles> => {
  const started: Role[] = [];
  for (const role of roles) {
    logger.debug({ role: role.name }, 'starting role');
    try {
      await role.start();
    } catch (error) {
      logger.error({ role: role.name, err: error }, 'role failed to start');
      await stopAll(started, logger);
      throw error;
    }
    started.push(role);
    logger.debug({ role: role.name }, 'role started');
  }
  let stopping: Promise<{ failed: string[] }> | undefined;
  return { roles: started, stop: () => (stopping ??= stopAll(started, logger)) };
};

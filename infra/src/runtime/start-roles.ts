import type { Logger } from '../logging/index.ts';
import type { Role } from './role.ts';

export type RunningRoles = {
  roles: readonly Role[];
  /** Stops roles in reverse start order (the api last), logging each; errors are logged and the rest still stop. */
  stop(): Promise<{ failed: string[] }>;
};

/**
 * Reverse start order, except that the api stops last: in sandbox mode it serves the simulated
 * Telegram and NOWPayments the bot and the workers call while they finish in-flight work (a
 * broadcast's claimed chats sent to a closed sandbox fail and, sent at most once, are never retried).
 */
const stopOrder = (roles: readonly Role[]): Role[] => {
  const reversed = [...roles].reverse();
  return [...reversed.filter((role) => role.name !== 'api'), ...reversed.filter((role) => role.name === 'api')];
};

const stopAll = async (roles: readonly Role[], logger: Logger): Promise<{ failed: string[] }> => {
  const failed: string[] = [];
  for (const role of stopOrder(roles)) {
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

import { GrammyError } from 'grammy';
import type { BotLogger } from '../deps.ts';

/**
 * Logs a best-effort message the bot could not deliver. Telegram refusing it (400 "chat not
 * found", 403 blocked) is an expected outcome, as for a made-up user id in the sandbox: info,
 * Telegram's reason only. Anything else (Telegram unreachable, a bug) is a warn with the error.
 */
export const logUndelivered = (logger: BotLogger, fields: Record<string, unknown>, error: unknown, message: string): void => {
  if (error instanceof GrammyError && (error.error_code === 400 || error.error_code === 403)) {
    logger.info({ ...fields, reason: error.description }, message);
    return;
  }
  logger.warn({ ...fields, err: error }, message);
};

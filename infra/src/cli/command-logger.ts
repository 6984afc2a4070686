import pino from 'pino';
import { configSecrets, type Config } from '../config/index.ts';
import { createLogger, logFormatFor, type Logger } from '../logging/index.ts';

export type CommandLoggerOptions = {
  /** `stdout` for `paygate start`; one-shot commands keep stdout for their result. */
  to: 'stdout' | 'stderr';
  level?: string;
};

/**
 * The logger of a CLI command: readable lines when its stream is a terminal, JSON otherwise
 * (LOG_FORMAT overrides), with the configuration's secrets masked either way.
 */
export const commandLogger = (config: Config, { to, level = config.logLevel }: CommandLoggerOptions, secrets: readonly string[] = configSecrets(config)): Logger => {
  const stream = to === 'stdout' ? process.stdout : process.stderr;
  const format = logFormatFor(config.logFormat, stream);
  return createLogger({
    level,
    secrets,
    format,
    colorize: format === 'pretty' && stream.isTTY === true,
    destination: pino.destination({ dest: to === 'stdout' ? 1 : 2, sync: true }),
  });
};

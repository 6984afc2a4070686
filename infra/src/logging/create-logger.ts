import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { REDACT_PATHS } from './redact-paths.ts';
import { createSecretScrubber, REDACTED } from './secret-scrubber.ts';

export type Logger = PinoLogger;

export type CreateLoggerOptions = {
  level?: string;
  /** Known secret values (configSecrets(config)); masked in every line, wherever they appear. */
  secrets?: readonly string[];
  /** Where lines go; stdout when omitted. Tests pass a capturing stream. */
  destination?: DestinationStream;
  name?: string;
};

/**
 * JSON logger with two layers against leaking secrets: path-based redaction of secret-looking
 * fields, and a final scrub of the configured secret values from the serialized line, which
 * also catches a secret interpolated into a message or an error's stack.
 */
export const createLogger = ({ level = 'info', secrets = [], destination, name = 'paygate' }: CreateLoggerOptions = {}): Logger => {
  const scrub = createSecretScrubber(secrets);
  const options = {
    name,
    level,
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    hooks: { streamWrite: scrub },
  };
  return destination ? pino(options, destination) : pino(options);
};

import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { logTraceFields } from '../telemetry/tracing/log-trace-fields.ts';
import { serializeError } from './error-serializer.ts';
import type { LogFormat } from './log-format.ts';
import { prettyDestination } from './pretty-destination.ts';
import { REDACT_PATHS } from './redact-paths.ts';
import { createSecretStore, REDACTED, type SecretStore } from './secret-scrubber.ts';

export type Logger = PinoLogger;

export type CreateLoggerOptions = {
  level?: string;
  /** Known secret values (configSecrets(config)); masked in every line, wherever they appear. */
  secrets?: readonly string[];
  /** Where lines go; stdout when omitted. Tests pass a capturing stream. */
  destination?: DestinationStream;
  /** `json` (default) or `pretty`: readable lines for a terminal (see logFormatFor). */
  format?: LogFormat;
  /** Pretty format only: colour the level names (for a terminal). */
  colorize?: boolean;
  name?: string;
};

const SECRETS = Symbol('paygate.logger.secrets');

/**
 * Logger with two layers against leaking secrets: path-based redaction of secret-looking fields,
 * and a final scrub of the known secret values from the serialized JSON line, which also catches
 * a secret interpolated into a message or an error's stack. The pretty format is made from that
 * scrubbed line, so both layers hold for it too.
 */
export const createLogger = ({ level = 'info', secrets = [], destination, format = 'json', colorize = false, name = 'paygate' }: CreateLoggerOptions = {}): Logger => {
  const store = createSecretStore(secrets);
  const options = {
    name,
    level,
    redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    serializers: { err: serializeError },
    // trace_id and span_id of the active span (tracing on), so log lines and traces meet.
    mixin: logTraceFields,
    hooks: { streamWrite: (line: string) => store.scrub(line) },
  };
  // Synchronous stdout: lines keep their order with the CLI's own output and none is lost when
  // the process exits right after logging.
  const target = destination ?? pino.destination({ dest: 1, sync: true });
  const logger = pino(options, format === 'pretty' ? prettyDestination(target, { colorize }) : target);
  // pino children inherit from their parent's prototype chain, so they see this store too.
  Object.defineProperty(logger, SECRETS, { value: store });
  return logger;
};

/**
 * Adds secrets learned after start-up to a logger made by `createLogger` (and its children).
 * Lines already written are not rewritten.
 */
export const addLogSecrets = (logger: Logger, ...values: readonly string[]): void => {
  (logger as unknown as { [SECRETS]?: SecretStore })[SECRETS]?.add(...values);
};

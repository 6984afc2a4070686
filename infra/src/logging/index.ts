export { addLogSecrets, createLogger, type CreateLoggerOptions, type Logger } from './create-logger.ts';
export { LOG_FORMATS, logFormatFor, type LogFormat } from './log-format.ts';
export { createSecretScrubber, createSecretStore, REDACTED, type SecretStore } from './secret-scrubber.ts';
export { REDACT_PATHS, SECRET_PROPERTY_NAMES } from './redact-paths.ts';

export { loadConfig, type Config, type Env, type LoadConfigOptions, type LogFormatName, type LogLevel, type PayoutConfig } from './load-config.ts';
export { ConfigError, isConfigError, type ConfigProblem } from './config-error.ts';
export { CONFIG_VARIABLES, SECRET_KEYS, LOG_LEVELS, type VariableName } from './variables.ts';
export { configSecrets, redactUrl } from './secrets.ts';
export { modeProblems, isLoopbackHost, LIVE_ONLY_VARIABLES, LIVE_REQUIRED_VARIABLES, type Mode } from './mode-rules.ts';
export * from './sandbox-credentials.ts';

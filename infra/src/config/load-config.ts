import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { ConfigError, type ConfigProblem } from './config-error.ts';
import { CONFIG_VARIABLES, type VariableName } from './variables.ts';
import type { Config, LogFormatName, LogLevel } from './config-types.ts';
import { modeProblems, type Mode } from './mode-rules.ts';
import { LIVE_CHANGENOW_API_URL, LIVE_NOWPAYMENTS_API_URL, LIVE_TELEGRAM_API_URL } from './sandbox-credentials.ts';

export type { Config, DashboardConfig, LogFormatName, LogLevel, PayoutConfig } from './config-types.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export type LoadConfigOptions = {
  /** Reads a `<NAME>_FILE` secret; injectable so tests need no files. */
  readFile?: (path: string) => string;
};

const describeInput = (value: string, secret: boolean): string => {
  if (secret) return '(value hidden)';
  const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return `(got ${JSON.stringify(shown)})`;
};

/** Empty counts as unset: compose files and shells often export `NAME=` for "nothing". */
const present = (value: string | undefined): value is string => value !== undefined && value !== '';

const readSecretFile = (
  name: string,
  env: Env,
  readFile: (path: string) => string,
): { value?: string; problem?: ConfigProblem } => {
  const fileVariable = `${name}_FILE`;
  const path = env[fileVariable];
  if (!present(path)) return { value: present(env[name]) ? env[name] : undefined };
  if (present(env[name])) {
    return { problem: { variable: name, message: `and ${fileVariable} are both set; set only one` } };
  }
  let content: string;
  try {
    content = readFile(path);
  } catch {
    return { problem: { variable: fileVariable, message: `must name a readable file (got ${JSON.stringify(path)})` } };
  }
  // Files written by editors and `echo` end in a newline that is not part of the secret.
  const value = content.replace(/[\r\n]+$/, '');
  if (value === '') return { problem: { variable: fileVariable, message: `names an empty file (${JSON.stringify(path)})` } };
  return { value };
};

/**
 * Validates the environment and returns the typed configuration, or throws one `ConfigError`
 * listing every offending variable. Pure apart from reading `<NAME>_FILE` secrets.
 */
export const loadConfig = (env: Env, options: LoadConfigOptions = {}): Config => {
  const readFile = options.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const problems: ConfigProblem[] = [];
  const values = new Map<VariableName, unknown>();

  for (const variable of CONFIG_VARIABLES) {
    const { value: raw, problem } = variable.secret
      ? readSecretFile(variable.name, env, readFile)
      : { value: present(env[variable.name]) ? env[variable.name] : undefined, problem: undefined };
    if (problem) {
      problems.push(problem);
      continue;
    }
    const input = raw ?? ('default' in variable ? variable.default : undefined);
    if (input === undefined) continue;
    const result = v.safeParse(variable.schema, input, { abortEarly: true });
    if (result.success) values.set(variable.name, result.output);
    else {
      const message = result.issues[0]?.message ?? 'is invalid';
      problems.push({ variable: variable.name, message: `${message} ${describeInput(input, variable.secret)}` });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const mode = values.get('PAYGATE_MODE') as Mode;
  const modeIssues = modeProblems(mode, Object.fromEntries(values));
  if (modeIssues.length > 0) throw new ConfigError(modeIssues);

  const text = (name: VariableName) => values.get(name) as string | undefined;
  const required = (name: VariableName) => values.get(name) as string;
  const integer = (name: VariableName) => values.get(name) as number;
  const port = integer('PORT');
  const live = mode === 'live';
  return {
    mode,
    sandboxExposed: !live && required('PAYGATE_SANDBOX_EXPOSE') === 'true',
    port,
    ...(values.has('METRICS_PORT') ? { metricsPort: integer('METRICS_PORT') } : {}),
    metricsHost: required('METRICS_HOST'),
    host: text('HOST') ?? (live ? '0.0.0.0' : '127.0.0.1'),
    logLevel: required('LOG_LEVEL') as LogLevel,
    logFormat: text('LOG_FORMAT') as LogFormatName | undefined,
    databaseUrl: text('DATABASE_URL'),
    natsUrl: text('NATS_URL'),
    eventStoreUrl: text('EVENTSTORE_URL'),
    natsStream: required('NATS_STREAM'),
    natsSubjectPrefix: required('NATS_SUBJECT_PREFIX'),
    publicUrl: (text('PAYGATE_PUBLIC_URL') ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    publicUrlConfigured: text('PAYGATE_PUBLIC_URL') !== undefined,
    dataDir: required('PAYGATE_DATA_DIR'),
    platformFeeBps: values.get('PLATFORM_FEE_BPS') as number,
    subscriptions: {
      graceSeconds: (values.get('SUBSCRIPTION_GRACE_HOURS') as number) * 3600,
      reminderDays: [...new Set(required('SUBSCRIPTION_REMINDER_DAYS').split(',').map(Number))].sort((a, b) => b - a),
    },
    ipnReconcileAfterMinutes: values.get('IPN_RECONCILE_AFTER_MINUTES') as number,
    broadcasts: {
      sendNowCooldownSeconds: (values.get('BROADCAST_SEND_NOW_COOLDOWN_MINUTES') as number) * 60,
      checkIntervalMs: (values.get('BROADCAST_CHECK_SECONDS') as number) * 1000,
    },
    nowpayments: {
      apiUrl: live ? (text('NOWPAYMENTS_API_URL') ?? LIVE_NOWPAYMENTS_API_URL).replace(/\/+$/, '') : undefined,
      apiKey: text('NOWPAYMENTS_API_KEY'),
      ipnSecret: text('NOWPAYMENTS_IPN_SECRET'),
      previousIpnSecret: text('NOWPAYMENTS_IPN_SECRET_PREVIOUS'),
    },
    operatorKey: text('PAYGATE_OPERATOR_KEY'),
    telegramBotToken: text('TELEGRAM_BOT_TOKEN'),
    telegramApiUrl: live ? (text('TELEGRAM_API_URL') ?? LIVE_TELEGRAM_API_URL).replace(/\/+$/, '') : undefined,
    telegramMessagesPerSecond: integer('TELEGRAM_MESSAGES_PER_SECOND'),
    databaseOwnerUrl: text('DATABASE_OWNER_URL'),
    databaseStatementTimeoutMs: integer('DATABASE_STATEMENT_TIMEOUT_MS'),
    payoutWalletHoldSeconds: integer('PAYOUT_WALLET_HOLD_HOURS') * 3600,
    trustedProxies: text('PAYGATE_TRUSTED_PROXIES')?.split(',') ?? [],
    payouts: {
      changenowApiUrl: live ? (text('CHANGENOW_API_URL') ?? LIVE_CHANGENOW_API_URL).replace(/\/+$/, '') : undefined,
      changenowApiKey: text('CHANGENOW_API_KEY'),
      ethereumRpcUrl: text('ETHEREUM_RPC_URL'),
      hostWalletPrivateKey: text('HOST_WALLET_PRIVATE_KEY'),
      hostWalletCurrencies: required('HOST_WALLET_CURRENCIES').split(','),
      confirmations: integer('PAYOUT_CONFIRMATIONS'),
      maxSlippageBps: integer('PAYOUT_MAX_SLIPPAGE_BPS'),
      replaceAfterSeconds: integer('PAYOUT_REPLACE_AFTER_SECONDS'),
      microbatchMinUsd: integer('MICROBATCH_MIN_USD'),
      explorerTxUrl: text('EXPLORER_TX_URL'),
      sandboxChainUrl: text('PAYGATE_SANDBOX_CHAIN_URL')?.replace(/\/+$/, ''),
      sandboxChangenowUrl: text('PAYGATE_SANDBOX_CHANGENOW_URL')?.replace(/\/+$/, ''),
    },
    dashboard: {
      signingKeyPem: text('DASHBOARD_SIGNING_KEY'),
      previousPublicKeysPem: text('DASHBOARD_PREVIOUS_PUBLIC_KEYS'),
      origins: text('DASHBOARD_ORIGINS')?.split(',').map((origin) => origin.replace(/\/+$/, '')) ?? [],
      adminIds: text('DASHBOARD_ADMIN_IDS')?.split(',') ?? [],
      auditorIds: text('DASHBOARD_AUDITOR_IDS')?.split(',') ?? [],
      sessionSeconds: integer('DASHBOARD_SESSION_DAYS') * 86_400,
    },
    rateLimits: {
      apiPerMinute: integer('RATE_LIMIT_API_PER_MINUTE'),
      webhookPerMinute: integer('RATE_LIMIT_WEBHOOK_PER_MINUTE'),
      invoicesPerMinute: integer('RATE_LIMIT_INVOICES_PER_MINUTE'),
    },
  };
};

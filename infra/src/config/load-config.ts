import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { ConfigError, type ConfigProblem } from './config-error.ts';
import { CONFIG_VARIABLES, type LOG_LEVELS, type VariableName } from './variables.ts';

export type LogLevel = (typeof LOG_LEVELS)[number];

export type Config = {
  port: number;
  host: string;
  logLevel: LogLevel;
  /** Unset: embedded PostgreSQL under `dataDir`. */
  databaseUrl?: string;
  /** Unset: the in-process broker. */
  natsUrl?: string;
  /** Set: KurrentDB event store; unset: PostgreSQL event store. */
  eventStoreUrl?: string;
  natsStream: string;
  /** Events go to `<natsSubjectPrefix>.<category>.<type>`. */
  natsSubjectPrefix: string;
  /** Always set: PAYGATE_PUBLIC_URL, else http://localhost:<port>. */
  publicUrl: string;
  /** PAYGATE_PUBLIC_URL was given; otherwise the api role's actual address replaces the default. */
  publicUrlConfigured: boolean;
  dataDir: string;
  platformFeeBps: number;
  /** Subscription lifecycle: removal grace and renewal reminders. */
  subscriptions: { graceSeconds: number; reminderDays: readonly number[] };
  nowpayments: { apiUrl?: string; apiKey?: string; ipnSecret?: string };
  operatorKey?: string;
  telegramBotToken?: string;
};

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

  const text = (name: VariableName) => values.get(name) as string | undefined;
  const required = (name: VariableName) => values.get(name) as string;
  const port = values.get('PORT') as number;
  return {
    port,
    host: required('HOST'),
    logLevel: required('LOG_LEVEL') as LogLevel,
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
    nowpayments: {
      apiUrl: text('NOWPAYMENTS_API_URL'),
      apiKey: text('NOWPAYMENTS_API_KEY'),
      ipnSecret: text('NOWPAYMENTS_IPN_SECRET'),
    },
    operatorKey: text('PAYGATE_OPERATOR_KEY'),
    telegramBotToken: text('TELEGRAM_BOT_TOKEN'),
  };
};

import { describe, expect, it } from 'vitest';
import { ConfigError, configSecrets, loadConfig, redactUrl, SECRET_KEYS } from './index.ts';

const errorOf = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

const noFiles = {
  readFile: (path: string): string => {
    throw new Error(`unexpected read of ${path}`);
  },
};

describe('loadConfig', () => {
  it('gives embedded defaults for an empty environment', () => {
    const config = loadConfig({}, noFiles);
    expect(config).toEqual({
      mode: 'sandbox',
      sandboxExposed: false,
      port: 3000,
      host: '127.0.0.1',
      logLevel: 'info',
      databaseUrl: undefined,
      natsUrl: undefined,
      eventStoreUrl: undefined,
      natsStream: 'PAYGATE_EVENTS',
      natsSubjectPrefix: 'paygate.events',
      publicUrl: 'http://localhost:3000',
      publicUrlConfigured: false,
      dataDir: './.paygate',
      platformFeeBps: 500,
      subscriptions: { graceSeconds: 86_400, reminderDays: [3, 1] },
      nowpayments: { apiUrl: undefined, apiKey: undefined, ipnSecret: undefined },
      operatorKey: undefined,
      telegramBotToken: undefined,
      telegramApiUrl: undefined,
      telegramMessagesPerSecond: 30,
      databaseOwnerUrl: undefined,
      databaseStatementTimeoutMs: 30_000,
      payoutWalletHoldSeconds: 48 * 3600,
      rateLimits: { apiPerMinute: 120, webhookPerMinute: 6000, invoicesPerMinute: 30 },
      trustedProxies: [],
    });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PAYGATE_MODE: 'live',
        PORT: '8080',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'debug',
        DATABASE_URL: 'postgres://paygate:pw@db:5432/paygate',
        NATS_URL: 'nats://n1:4222,nats://n2:4222',
        EVENTSTORE_URL: 'kurrentdb://admin:changeit@es:2113?tls=false',
        NATS_STREAM: 'EVENTS_2',
        PAYGATE_PUBLIC_URL: 'https://pay.example.org/',
        PAYGATE_DATA_DIR: '/var/lib/paygate',
        PLATFORM_FEE_BPS: '250',
        NOWPAYMENTS_API_URL: 'https://api.nowpayments.io',
        NOWPAYMENTS_API_KEY: 'NP-KEY-123456',
        NOWPAYMENTS_IPN_SECRET: 'ipn-secret-123',
        PAYGATE_OPERATOR_KEY: 'operator-key-0123456789',
        TELEGRAM_BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678',
        TELEGRAM_API_URL: 'http://bot-api.internal:8081/',
        TELEGRAM_MESSAGES_PER_SECOND: '20',
        DATABASE_OWNER_URL: 'postgres://owner:opw@db:5432/paygate',
        DATABASE_STATEMENT_TIMEOUT_MS: '5000',
        PAYOUT_WALLET_HOLD_HOURS: '72',
        RATE_LIMIT_API_PER_MINUTE: '60',
        RATE_LIMIT_WEBHOOK_PER_MINUTE: '600',
        RATE_LIMIT_INVOICES_PER_MINUTE: '10',
        PAYGATE_TRUSTED_PROXIES: '10.0.0.5,fd00::7',
      },
      noFiles,
    );
    expect(config).toMatchObject({
      mode: 'live',
      sandboxExposed: false,
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'debug',
      databaseUrl: 'postgres://paygate:pw@db:5432/paygate',
      natsUrl: 'nats://n1:4222,nats://n2:4222',
      eventStoreUrl: 'kurrentdb://admin:changeit@es:2113?tls=false',
      natsStream: 'EVENTS_2',
      natsSubjectPrefix: 'paygate.events',
      publicUrl: 'https://pay.example.org',
      publicUrlConfigured: true,
      dataDir: '/var/lib/paygate',
      platformFeeBps: 250,
      subscriptions: { graceSeconds: 86_400, reminderDays: [3, 1] },
      nowpayments: { apiUrl: 'https://api.nowpayments.io', apiKey: 'NP-KEY-123456', ipnSecret: 'ipn-secret-123' },
      operatorKey: 'operator-key-0123456789',
      telegramBotToken: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678',
      telegramApiUrl: 'http://bot-api.internal:8081',
      telegramMessagesPerSecond: 20,
      databaseOwnerUrl: 'postgres://owner:opw@db:5432/paygate',
      databaseStatementTimeoutMs: 5000,
      payoutWalletHoldSeconds: 72 * 3600,
      rateLimits: { apiPerMinute: 60, webhookPerMinute: 600, invoicesPerMinute: 10 },
      trustedProxies: ['10.0.0.5', 'fd00::7'],
    });
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }, noFiles)).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it.each([
    [{ PORT: 'abc' }, 'config error: PORT must be an integer 0-65535 (got "abc")'],
    [{ PORT: '65536' }, 'config error: PORT must be an integer 0-65535 (got "65536")'],
    [{ PORT: '-1' }, 'config error: PORT must be an integer 0-65535 (got "-1")'],
    [{ PORT: '80.5' }, 'config error: PORT must be an integer 0-65535 (got "80.5")'],
    [{ PLATFORM_FEE_BPS: '10001' }, 'config error: PLATFORM_FEE_BPS must be an integer 0-10000 (got "10001")'],
    [{ PLATFORM_FEE_BPS: '5%' }, 'config error: PLATFORM_FEE_BPS must be an integer 0-10000 (got "5%")'],
    [{ LOG_LEVEL: 'loud' }, 'config error: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    [{ DATABASE_URL: 'mysql://x/y' }, 'config error: DATABASE_URL must be a postgres:// or postgresql:// URL (value hidden)'],
    [{ NATS_URL: 'nats://a:4222,http://b' }, 'config error: NATS_URL must be one or more comma-separated nats:// or tls:// URLs (value hidden)'],
    [{ NATS_STREAM: 'has space' }, 'config error: NATS_STREAM must be letters, digits, _ or - (at most 64) (got "has space")'],
    [{ PAYGATE_PUBLIC_URL: 'pay.example.org' }, 'config error: PAYGATE_PUBLIC_URL must be a http:// or https:// URL (got "pay.example.org")'],
    [{ PAYGATE_OPERATOR_KEY: 'short' }, 'config error: PAYGATE_OPERATOR_KEY must be at least 16 characters (value hidden)'],
    [{ TELEGRAM_BOT_TOKEN: 'nope' }, 'config error: TELEGRAM_BOT_TOKEN must be a bot token like 123456:ABC-DEF… from @BotFather (value hidden)'],
  ])('rejects %o with one line naming the variable', (env, message) => {
    const error = errorOf(() => loadConfig(env, noFiles));
    expect(error.message).toBe(message);
    expect(error.message).not.toContain('\n');
    expect(error.kind).toBe('validation');
  });

  it('names every offending variable, one per line', () => {
    const error = errorOf(() => loadConfig({ PORT: 'x', PLATFORM_FEE_BPS: 'y' }, noFiles));
    expect(error.problems.map((p) => p.variable)).toEqual(['PORT', 'PLATFORM_FEE_BPS']);
    expect(error.message.split('\n')).toEqual([
      'config error: PORT must be an integer 0-65535 (got "x")',
      'config error: PLATFORM_FEE_BPS must be an integer 0-10000 (got "y")',
    ]);
  });

  it('never echoes a secret value', () => {
    const secret = 'not a valid token but very secret';
    const error = errorOf(() => loadConfig({ TELEGRAM_BOT_TOKEN: secret }, noFiles));
    expect(error.message).not.toContain(secret);
  });
});

describe('secrets from <NAME>_FILE', () => {
  const files: Record<string, string> = {
    '/run/secrets/ipn': 'ipn-secret-from-file\n',
    '/run/secrets/crlf': 'operator-key-0123456789\r\n',
    '/run/secrets/empty': '\n',
  };
  const readFile = (path: string): string => {
    const content = files[path];
    if (content === undefined) throw new Error('ENOENT');
    return content;
  };

  it('reads the file and drops the trailing newline', () => {
    const config = loadConfig(
      {
        PAYGATE_MODE: 'live',
        DATABASE_URL: 'postgres://db/paygate',
        PAYGATE_PUBLIC_URL: 'https://pay.example.org',
        NOWPAYMENTS_API_KEY: 'NP-KEY-123456',
        TELEGRAM_BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678',
        NOWPAYMENTS_IPN_SECRET_FILE: '/run/secrets/ipn',
        PAYGATE_OPERATOR_KEY_FILE: '/run/secrets/crlf',
      },
      { readFile },
    );
    expect(config.nowpayments.ipnSecret).toBe('ipn-secret-from-file');
    expect(config.operatorKey).toBe('operator-key-0123456789');
  });

  it('rejects both NAME and NAME_FILE', () => {
    const error = errorOf(() =>
      loadConfig({ NOWPAYMENTS_IPN_SECRET: 'x-12345678', NOWPAYMENTS_IPN_SECRET_FILE: '/run/secrets/ipn' }, { readFile }),
    );
    expect(error.message).toBe(
      'config error: NOWPAYMENTS_IPN_SECRET and NOWPAYMENTS_IPN_SECRET_FILE are both set; set only one',
    );
  });

  it('names an unreadable or empty file', () => {
    expect(errorOf(() => loadConfig({ TELEGRAM_BOT_TOKEN_FILE: '/nope' }, { readFile })).message).toBe(
      'config error: TELEGRAM_BOT_TOKEN_FILE must name a readable file (got "/nope")',
    );
    expect(errorOf(() => loadConfig({ TELEGRAM_BOT_TOKEN_FILE: '/run/secrets/empty' }, { readFile })).message).toBe(
      'config error: TELEGRAM_BOT_TOKEN_FILE names an empty file ("/run/secrets/empty")',
    );
  });

  it('accepts _FILE for every secret key and only for those', () => {
    expect(SECRET_KEYS).toEqual([
      'DATABASE_URL',
      'NATS_URL',
      'EVENTSTORE_URL',
      'NOWPAYMENTS_API_KEY',
      'NOWPAYMENTS_IPN_SECRET',
      'PAYGATE_OPERATOR_KEY',
      'TELEGRAM_BOT_TOKEN',
      'DATABASE_OWNER_URL',
    ]);
    // A non-secret variable's _FILE twin is not read.
    expect(loadConfig({ PORT_FILE: '/run/secrets/ipn' }, noFiles).port).toBe(3000);
  });
});

describe('configSecrets and redactUrl', () => {
  it('lists API secrets and the credentials inside connection strings', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://paygate:p%40ss-word@db/paygate',
        NATS_URL: 'nats://s3cr3t-token@nats:4222',
        NOWPAYMENTS_API_KEY: 'NP-KEY-123456',
        NOWPAYMENTS_IPN_SECRET: 'ipn-secret-123',
        TELEGRAM_BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678',
        PAYGATE_PUBLIC_URL: 'https://pay.example.org',
        PAYGATE_MODE: 'live',
        PAYGATE_OPERATOR_KEY: 'operator-key-0123456789',
      },
      noFiles,
    );
    expect(configSecrets(config).sort()).toEqual(
      ['p%40ss-word', 'p@ss-word', 's3cr3t-token', 'NP-KEY-123456', 'ipn-secret-123', '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678', 'operator-key-0123456789'].sort(),
    );
  });

  it('masks the password but keeps the host readable', () => {
    expect(redactUrl('postgres://paygate:pw@db:5432/paygate')).toBe('postgres://paygate:***@db:5432/paygate');
    expect(redactUrl('nats://token@n1:4222')).toBe('nats://***@n1:4222');
    expect(redactUrl('postgres://db/paygate')).toBe('postgres://db/paygate');
  });
});

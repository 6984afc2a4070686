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

// A random key, not one of anvil's public development keys.
const HOST_KEY = 'f4efcddd02edecd12af2a8ea44c2b4df87d38b96effb62dc645d6ba4ea6bb8d4';

const LIVE_PAYOUTS = {
  CHANGENOW_API_KEY: 'cn-key-0123456789',
  ETHEREUM_RPC_URL: 'https://eth.example.org/v3/abc',
  HOST_WALLET_PRIVATE_KEY: HOST_KEY,
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
      metricsHost: '127.0.0.1',
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
      ipnReconcileAfterMinutes: 30,
      broadcasts: { sendNowCooldownSeconds: 3600, checkIntervalMs: 30_000 },
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
      dashboard: { signingKeyPem: undefined, previousPublicKeysPem: undefined, origins: [], adminIds: [], auditorIds: [], sessionSeconds: 30 * 86_400 },
      payouts: {
        changenowApiUrl: undefined,
        changenowApiKey: undefined,
        ethereumRpcUrl: undefined,
        hostWalletPrivateKey: undefined,
        hostWalletCurrencies: ['USDTERC20', 'ETH'],
        confirmations: 3,
        maxSlippageBps: 200,
        replaceAfterSeconds: 180,
        microbatchMinUsd: 25,
        explorerTxUrl: undefined,
        sandboxChainUrl: undefined,
        sandboxChangenowUrl: undefined,
      },
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
        CHANGENOW_API_URL: 'https://changenow.proxy.internal/',
        CHANGENOW_API_KEY: 'cn-key-0123456789',
        ETHEREUM_RPC_URL: 'https://eth.example.org/v3/abc',
        HOST_WALLET_PRIVATE_KEY: `0x${HOST_KEY}`,
        HOST_WALLET_CURRENCIES: 'ETH,USDCERC20',
        PAYOUT_CONFIRMATIONS: '12',
        PAYOUT_MAX_SLIPPAGE_BPS: '150',
        PAYOUT_REPLACE_AFTER_SECONDS: '300',
        MICROBATCH_MIN_USD: '40',
        EXPLORER_TX_URL: 'https://etherscan.io/tx/{hash}',
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
      payouts: {
        changenowApiUrl: 'https://changenow.proxy.internal',
        changenowApiKey: 'cn-key-0123456789',
        ethereumRpcUrl: 'https://eth.example.org/v3/abc',
        hostWalletPrivateKey: `0x${HOST_KEY}`,
        hostWalletCurrencies: ['ETH', 'USDCERC20'],
        confirmations: 12,
        maxSlippageBps: 150,
        replaceAfterSeconds: 300,
        microbatchMinUsd: 40,
        explorerTxUrl: 'https://etherscan.io/tx/{hash}',
        sandboxChainUrl: undefined,
        sandboxChangenowUrl: undefined,
      },
    });
  });

  it('reads the sandbox payout options', () => {
    const config = loadConfig({ PAYGATE_SANDBOX_CHAIN_URL: 'http://127.0.0.1:8545/', PAYGATE_SANDBOX_CHANGENOW_URL: 'http://localhost:4010//' }, noFiles);
    expect(config.payouts).toMatchObject({
      sandboxChainUrl: 'http://127.0.0.1:8545',
      sandboxChangenowUrl: 'http://localhost:4010',
      changenowApiUrl: undefined,
      ethereumRpcUrl: undefined,
      hostWalletPrivateKey: undefined,
    });
  });

  it('defaults the ChangeNOW API to api.changenow.io in live mode only', () => {
    const live = loadConfig(
      {
        PAYGATE_MODE: 'live',
        DATABASE_URL: 'postgres://db/paygate',
        PAYGATE_PUBLIC_URL: 'https://pay.example.org',
        PAYGATE_OPERATOR_KEY: 'operator-key-0123456789',
        NOWPAYMENTS_API_KEY: 'NP-KEY-123456',
        NOWPAYMENTS_IPN_SECRET: 'ipn-secret-123',
        TELEGRAM_BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678',
        ...LIVE_PAYOUTS,
      },
      noFiles,
    );
    expect(live.payouts).toMatchObject({ changenowApiUrl: 'https://api.changenow.io', hostWalletCurrencies: ['USDTERC20', 'ETH'], confirmations: 3 });
    expect(loadConfig({}, noFiles).payouts.changenowApiUrl).toBeUndefined();
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
    [{ CHANGENOW_API_URL: 'api.changenow.io' }, 'config error: CHANGENOW_API_URL must be a http:// or https:// URL (got "api.changenow.io")'],
    [{ CHANGENOW_API_KEY: 'short' }, 'config error: CHANGENOW_API_KEY must be at least 8 characters (value hidden)'],
    [{ CHANGENOW_API_KEY: 'cn key with spaces' }, 'config error: CHANGENOW_API_KEY must not contain whitespace (value hidden)'],
    [{ ETHEREUM_RPC_URL: 'wss://eth.example.org/ws/abc' }, 'config error: ETHEREUM_RPC_URL must be a http:// or https:// URL (value hidden)'],
    [{ HOST_WALLET_PRIVATE_KEY: 'abc123' }, 'config error: HOST_WALLET_PRIVATE_KEY must be 64 hex digits, optionally after 0x (value hidden)'],
    [{ HOST_WALLET_PRIVATE_KEY: `${HOST_KEY}00` }, 'config error: HOST_WALLET_PRIVATE_KEY must be 64 hex digits, optionally after 0x (value hidden)'],
    [{ HOST_WALLET_PRIVATE_KEY: `${HOST_KEY.slice(0, 63)}g` }, 'config error: HOST_WALLET_PRIVATE_KEY must be 64 hex digits, optionally after 0x (value hidden)'],
    [{ HOST_WALLET_CURRENCIES: 'BTC' }, 'config error: HOST_WALLET_CURRENCIES must be comma-separated codes from ETH, USDTERC20, USDCERC20 (got "BTC")'],
    [{ HOST_WALLET_CURRENCIES: 'eth' }, 'config error: HOST_WALLET_CURRENCIES must be comma-separated codes from ETH, USDTERC20, USDCERC20 (got "eth")'],
    [{ HOST_WALLET_CURRENCIES: 'ETH,' }, 'config error: HOST_WALLET_CURRENCIES must be comma-separated codes from ETH, USDTERC20, USDCERC20 (got "ETH,")'],
    [{ HOST_WALLET_CURRENCIES: 'ETH, USDTERC20' }, 'config error: HOST_WALLET_CURRENCIES must be comma-separated codes from ETH, USDTERC20, USDCERC20 (got "ETH, USDTERC20")'],
    [{ HOST_WALLET_CURRENCIES: 'USDT' }, 'config error: HOST_WALLET_CURRENCIES must be comma-separated codes from ETH, USDTERC20, USDCERC20 (got "USDT")'],
    [{ PAYOUT_CONFIRMATIONS: '0' }, 'config error: PAYOUT_CONFIRMATIONS must be an integer 1-100 (got "0")'],
    [{ PAYOUT_CONFIRMATIONS: '101' }, 'config error: PAYOUT_CONFIRMATIONS must be an integer 1-100 (got "101")'],
    [{ PAYOUT_MAX_SLIPPAGE_BPS: '5001' }, 'config error: PAYOUT_MAX_SLIPPAGE_BPS must be an integer 0-5000 (got "5001")'],
    [{ PAYOUT_MAX_SLIPPAGE_BPS: '2%' }, 'config error: PAYOUT_MAX_SLIPPAGE_BPS must be an integer 0-5000 (got "2%")'],
    [{ PAYOUT_REPLACE_AFTER_SECONDS: '4' }, 'config error: PAYOUT_REPLACE_AFTER_SECONDS must be an integer 5-86400 (got "4")'],
    [{ MICROBATCH_MIN_USD: '0' }, 'config error: MICROBATCH_MIN_USD must be an integer 1-1000000 (got "0")'],
    [{ EXPLORER_TX_URL: 'https://etherscan.io/tx/' }, 'config error: EXPLORER_TX_URL must be an http(s) URL containing {hash} (got "https://etherscan.io/tx/")'],
    [{ EXPLORER_TX_URL: 'etherscan.io/tx/{hash}' }, 'config error: EXPLORER_TX_URL must be an http(s) URL containing {hash} (got "etherscan.io/tx/{hash}")'],
    [{ EXPLORER_TX_URL: 'https://etherscan.io/tx/{txid}' }, 'config error: EXPLORER_TX_URL must be an http(s) URL containing {hash} (got "https://etherscan.io/tx/{txid}")'],
    [{ PAYGATE_SANDBOX_CHAIN_URL: 'https://127.0.0.1:8545' }, 'config error: PAYGATE_SANDBOX_CHAIN_URL must be a http:// URL (got "https://127.0.0.1:8545")'],
    [{ PAYGATE_SANDBOX_CHANGENOW_URL: 'localhost:4010' }, 'config error: PAYGATE_SANDBOX_CHANGENOW_URL must be a http:// URL (got "localhost:4010")'],
    [{ DASHBOARD_SIGNING_KEY: 'not a pem' }, 'config error: DASHBOARD_SIGNING_KEY must be a PKCS#8 PEM private key (value hidden)'],
    [{ DASHBOARD_ADMIN_IDS: '42,olga' }, 'config error: DASHBOARD_ADMIN_IDS must be comma-separated Telegram user ids (got "42,olga")'],
    [{ DASHBOARD_AUDITOR_IDS: '0' }, 'config error: DASHBOARD_AUDITOR_IDS must be comma-separated Telegram user ids (got "0")'],
    [{ DASHBOARD_ORIGINS: 'dash.example.org' }, 'config error: DASHBOARD_ORIGINS must be one or more comma-separated http:// or https:// URLs (got "dash.example.org")'],
    [{ DASHBOARD_SESSION_DAYS: '366' }, 'config error: DASHBOARD_SESSION_DAYS must be an integer 1-365 (got "366")'],
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

  it('never echoes a malformed host wallet key or RPC URL', () => {
    const almostKey = `${HOST_KEY}ff`;
    const rpcUrl = 'ws://eth.example.org/v3/provider-key-123';
    const error = errorOf(() => loadConfig({ HOST_WALLET_PRIVATE_KEY: almostKey, ETHEREUM_RPC_URL: rpcUrl }, noFiles));
    expect(error.problems.map((p) => p.variable)).toEqual(['ETHEREUM_RPC_URL', 'HOST_WALLET_PRIVATE_KEY']);
    expect(error.message).not.toContain(HOST_KEY);
    expect(error.message).not.toContain('provider-key-123');
  });

  it('accepts the host wallet currencies in any order, each code once or more', () => {
    expect(loadConfig({ HOST_WALLET_CURRENCIES: 'USDCERC20' }, noFiles).payouts.hostWalletCurrencies).toEqual(['USDCERC20']);
    expect(loadConfig({ HOST_WALLET_CURRENCIES: 'ETH,USDTERC20,USDCERC20' }, noFiles).payouts.hostWalletCurrencies).toEqual(['ETH', 'USDTERC20', 'USDCERC20']);
  });

  it('keeps {hash} in the explorer link for the notices to fill in', () => {
    expect(loadConfig({ EXPLORER_TX_URL: 'https://sepolia.etherscan.io/tx/{hash}?utm=paygate' }, noFiles).payouts.explorerTxUrl).toBe(
      'https://sepolia.etherscan.io/tx/{hash}?utm=paygate',
    );
  });
});

describe('secrets from <NAME>_FILE', () => {
  const files: Record<string, string> = {
    '/run/secrets/ipn': 'ipn-secret-from-file\n',
    '/run/secrets/crlf': 'operator-key-0123456789\r\n',
    '/run/secrets/empty': '\n',
    '/run/secrets/host_key': `${HOST_KEY}\n`,
    '/run/secrets/anvil_key': '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80\n',
    '/run/secrets/bad_key': `${HOST_KEY.slice(0, 40)}\n`,
  };
  const LIVE_FROM_FILES = {
    PAYGATE_MODE: 'live',
    DATABASE_URL: 'postgres://db/paygate',
    PAYGATE_PUBLIC_URL: 'https://pay.example.org',
    PAYGATE_OPERATOR_KEY: 'operator-key-0123456789',
    NOWPAYMENTS_API_KEY: 'NP-KEY-123456',
    NOWPAYMENTS_IPN_SECRET: 'ipn-secret-123',
    TELEGRAM_BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678',
    CHANGENOW_API_KEY: 'cn-key-0123456789',
    ETHEREUM_RPC_URL: 'https://eth.example.org/v3/abc',
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
        ...LIVE_PAYOUTS,
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

  it('reads the host wallet key from HOST_WALLET_PRIVATE_KEY_FILE', () => {
    const config = loadConfig({ ...LIVE_FROM_FILES, HOST_WALLET_PRIVATE_KEY_FILE: '/run/secrets/host_key' }, { readFile });
    expect(config.payouts.hostWalletPrivateKey).toBe(HOST_KEY);
  });

  it('never shows the host wallet key from a file in a ConfigError', () => {
    const both = errorOf(() => loadConfig({ ...LIVE_FROM_FILES, HOST_WALLET_PRIVATE_KEY: HOST_KEY, HOST_WALLET_PRIVATE_KEY_FILE: '/run/secrets/host_key' }, { readFile }));
    expect(both.message).toBe('config error: HOST_WALLET_PRIVATE_KEY and HOST_WALLET_PRIVATE_KEY_FILE are both set; set only one');

    const malformed = errorOf(() => loadConfig({ ...LIVE_FROM_FILES, HOST_WALLET_PRIVATE_KEY_FILE: '/run/secrets/bad_key' }, { readFile }));
    expect(malformed.message).toBe('config error: HOST_WALLET_PRIVATE_KEY must be 64 hex digits, optionally after 0x (value hidden)');
    expect(malformed.message).not.toContain(HOST_KEY.slice(0, 40));

    const anvil = errorOf(() => loadConfig({ ...LIVE_FROM_FILES, HOST_WALLET_PRIVATE_KEY_FILE: '/run/secrets/anvil_key' }, { readFile }));
    expect(anvil.message).toBe('config error: HOST_WALLET_PRIVATE_KEY is a public development key (anvil/hardhat); anyone can spend from it');
    expect(anvil.message.toLowerCase()).not.toContain('ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');

    const missing = errorOf(() => loadConfig({ ...LIVE_FROM_FILES, HOST_WALLET_PRIVATE_KEY_FILE: '/run/secrets/none' }, { readFile }));
    expect(missing.message).toBe('config error: HOST_WALLET_PRIVATE_KEY_FILE must name a readable file (got "/run/secrets/none")');

    for (const error of [both, malformed, anvil, missing]) expect(error.message).not.toContain(HOST_KEY);
  });

  it('names an unreadable or empty file', () => {
    expect(errorOf(() => loadConfig({ TELEGRAM_BOT_TOKEN_FILE: '/nope' }, { readFile })).message).toBe(
      'config error: TELEGRAM_BOT_TOKEN_FILE must name a readable file (got "/nope")',
    );
    expect(errorOf(() => loadConfig({ TELEGRAM_BOT_TOKEN_FILE: '/run/secrets/empty' }, { readFile })).message).toBe(
      'config error: TELEGRAM_BOT_TOKEN_FILE names an empty file ("/run/secrets/empty")',
    );
  });

  it('reads the dashboard settings: origins without a trailing slash, role lists, session days', () => {
    const { dashboard } = loadConfig(
      { DASHBOARD_ORIGINS: 'https://dash.example.org/,http://localhost:5173', DASHBOARD_ADMIN_IDS: '42', DASHBOARD_AUDITOR_IDS: '7,8', DASHBOARD_SESSION_DAYS: '7' },
      noFiles,
    );
    expect(dashboard).toEqual({
      signingKeyPem: undefined,
      previousPublicKeysPem: undefined,
      origins: ['https://dash.example.org', 'http://localhost:5173'],
      adminIds: ['42'],
      auditorIds: ['7', '8'],
      sessionSeconds: 7 * 86_400,
    });
  });

  it('accepts _FILE for every secret key and only for those', () => {
    expect(SECRET_KEYS).toEqual([
      'DATABASE_URL',
      'NATS_URL',
      'EVENTSTORE_URL',
      'NOWPAYMENTS_API_KEY',
      'NOWPAYMENTS_IPN_SECRET',
      'NOWPAYMENTS_IPN_SECRET_PREVIOUS',
      'PAYGATE_OPERATOR_KEY',
      'TELEGRAM_BOT_TOKEN',
      'CHANGENOW_API_KEY',
      'ETHEREUM_RPC_URL',
      'HOST_WALLET_PRIVATE_KEY',
      'DATABASE_OWNER_URL',
      'DASHBOARD_SIGNING_KEY',
      'DASHBOARD_PREVIOUS_PUBLIC_KEYS',
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
        ...LIVE_PAYOUTS,
      },
      noFiles,
    );
    expect(configSecrets(config)).toEqual(
      expect.arrayContaining(['p%40ss-word', 'p@ss-word', 's3cr3t-token', 'NP-KEY-123456', 'ipn-secret-123', '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678', 'operator-key-0123456789']),
    );
  });

  it('lists the payout secrets: the ChangeNOW key and the host wallet key', () => {
    const config = loadConfig(
      {
        PAYGATE_MODE: 'live',
        DATABASE_URL: 'postgres://db/paygate',
        PAYGATE_PUBLIC_URL: 'https://pay.example.org',
        PAYGATE_OPERATOR_KEY: 'operator-key-0123456789',
        NOWPAYMENTS_API_KEY: 'NP-KEY-123456',
        NOWPAYMENTS_IPN_SECRET: 'ipn-secret-123',
        TELEGRAM_BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678',
        ...LIVE_PAYOUTS,
      },
      noFiles,
    );
    expect(configSecrets(config)).toEqual(expect.arrayContaining(['cn-key-0123456789', HOST_KEY]));
  });

  it('masks the password but keeps the host readable', () => {
    expect(redactUrl('postgres://paygate:pw@db:5432/paygate')).toBe('postgres://paygate:***@db:5432/paygate');
    expect(redactUrl('nats://token@n1:4222')).toBe('nats://***@n1:4222');
    expect(redactUrl('postgres://db/paygate')).toBe('postgres://db/paygate');
  });
});

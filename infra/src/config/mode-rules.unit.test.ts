import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SANDBOX_CHAIN_KEYS, SANDBOX_NOWPAYMENTS_IPN_SECRET, SANDBOX_TELEGRAM_BOT_TOKEN, type Env } from './index.ts';

const noFiles = { readFile: (): string => { throw new Error('no files here'); } };

const problemsOf = (env: Env): string[] => {
  try {
    loadConfig(env, noFiles);
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  return [];
};

const LIVE: Env = {
  PAYGATE_MODE: 'live',
  DATABASE_URL: 'postgres://paygate_app:pw@db/paygate',
  PAYGATE_PUBLIC_URL: 'https://pay.example.org',
  PAYGATE_OPERATOR_KEY: 'operator-key-0123456789',
  NOWPAYMENTS_API_KEY: 'NP-KEY-123456',
  NOWPAYMENTS_IPN_SECRET: 'ipn-secret-123',
  TELEGRAM_BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678',
  CHANGENOW_API_KEY: 'cn-key-0123456789',
  ETHEREUM_RPC_URL: 'https://eth.example.org/v3/abc',
  // A random key, not one of anvil's public development keys.
  HOST_WALLET_PRIVATE_KEY: 'f4efcddd02edecd12af2a8ea44c2b4df87d38b96effb62dc645d6ba4ea6bb8d4',
};

const errorOf = (env: Env): ConfigError => {
  try {
    loadConfig(env, noFiles);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('PAYGATE_MODE=live', () => {
  it('starts with every live setting, on the real gateways, bound to every interface', () => {
    const config = loadConfig(LIVE, noFiles);
    expect(config).toMatchObject({
      mode: 'live',
      host: '0.0.0.0',
      nowpayments: { apiUrl: 'https://api.nowpayments.io' },
      telegramApiUrl: 'https://api.telegram.org',
      payouts: {
        changenowApiUrl: 'https://api.changenow.io',
        changenowApiKey: 'cn-key-0123456789',
        ethereumRpcUrl: 'https://eth.example.org/v3/abc',
        hostWalletPrivateKey: LIVE.HOST_WALLET_PRIVATE_KEY,
        sandboxChainUrl: undefined,
        sandboxChangenowUrl: undefined,
      },
    });
  });

  it('names every missing live setting, one per line', () => {
    expect(problemsOf({ PAYGATE_MODE: 'live' })).toEqual([
      'config error: DATABASE_URL is required in live mode (the embedded PostgreSQL is for trying PayGate out, not for real money)',
      'config error: PAYGATE_PUBLIC_URL is required in live mode (NOWPayments sends IPNs and owners open links there)',
      'config error: PAYGATE_OPERATOR_KEY is required in live mode (operator endpoints would have no key)',
      'config error: NOWPAYMENTS_API_KEY is required in live mode (invoices are created with it)',
      'config error: NOWPAYMENTS_IPN_SECRET is required in live mode (IPN signatures are verified with it)',
      'config error: TELEGRAM_BOT_TOKEN is required in live mode (the bot talks to Telegram with it)',
      'config error: CHANGENOW_API_KEY is required in live mode (owners paid in another currency are paid through ChangeNOW swaps)',
      'config error: ETHEREUM_RPC_URL is required in live mode (payouts are broadcast and confirmed through it)',
      'config error: HOST_WALLET_PRIVATE_KEY is required in live mode (payouts are signed with it)',
    ]);
  });

  it.each([
    ['CHANGENOW_API_KEY', 'owners paid in another currency are paid through ChangeNOW swaps'],
    ['ETHEREUM_RPC_URL', 'payouts are broadcast and confirmed through it'],
    ['HOST_WALLET_PRIVATE_KEY', 'payouts are signed with it'],
  ])('names a missing %s on its own line, with the reason', (name, why) => {
    expect(problemsOf({ ...LIVE, [name]: undefined })).toEqual([`config error: ${name} is required in live mode (${why})`]);
    // Empty is unset.
    expect(problemsOf({ ...LIVE, [name]: '' })).toEqual([`config error: ${name} is required in live mode (${why})`]);
  });

  it('names all three missing payout settings, one per line', () => {
    const problems = problemsOf({ ...LIVE, CHANGENOW_API_KEY: undefined, ETHEREUM_RPC_URL: undefined, HOST_WALLET_PRIVATE_KEY: undefined });
    expect(problems.map((line) => line.split(' ')[2])).toEqual(['CHANGENOW_API_KEY', 'ETHEREUM_RPC_URL', 'HOST_WALLET_PRIVATE_KEY']);
  });

  it.each(Object.keys(LIVE).filter((name) => name !== 'PAYGATE_MODE'))('refuses to start without %s', (name) => {
    const problems = problemsOf({ ...LIVE, [name]: undefined });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^config error: ${name} is required in live mode`));
  });

  it('refuses the sandbox secret and token, without echoing them', () => {
    const problems = problemsOf({ ...LIVE, NOWPAYMENTS_IPN_SECRET: SANDBOX_NOWPAYMENTS_IPN_SECRET, TELEGRAM_BOT_TOKEN: SANDBOX_TELEGRAM_BOT_TOKEN });
    expect(problems).toEqual([
      'config error: NOWPAYMENTS_IPN_SECRET is the public sandbox value; live mode needs the real one',
      'config error: TELEGRAM_BOT_TOKEN is the public sandbox value; live mode needs the real one',
    ]);
  });

  it('refuses gateway URLs that point at a PayGate sandbox', () => {
    const problems = problemsOf({
      ...LIVE,
      NOWPAYMENTS_API_URL: 'http://127.0.0.1:3000/sandbox/nowpayments/v1',
      TELEGRAM_API_URL: 'http://127.0.0.1:3000/sandbox/telegram',
      CHANGENOW_API_URL: 'http://127.0.0.1:3000/sandbox/changenow',
    });
    expect(problems.map((line) => line.split(' ')[2])).toEqual(['NOWPAYMENTS_API_URL', 'TELEGRAM_API_URL', 'CHANGENOW_API_URL']);
  });

  it('accepts another ChangeNOW API URL (a proxy) and an RPC URL of any provider', () => {
    const config = loadConfig({ ...LIVE, CHANGENOW_API_URL: 'https://changenow.proxy.internal/api/', ETHEREUM_RPC_URL: 'http://geth.internal:8545' }, noFiles);
    expect(config.payouts).toMatchObject({ changenowApiUrl: 'https://changenow.proxy.internal/api', ethereumRpcUrl: 'http://geth.internal:8545' });
  });

  it('accepts a self-hosted Bot API server', () => {
    expect(loadConfig({ ...LIVE, TELEGRAM_API_URL: 'http://bot-api:8081/' }, noFiles).telegramApiUrl).toBe('http://bot-api:8081');
  });

  it('has no sandbox option', () => {
    expect(problemsOf({ ...LIVE, PAYGATE_SANDBOX_EXPOSE: 'true' })).toEqual([
      'config error: PAYGATE_SANDBOX_EXPOSE applies to sandbox mode only; live mode has no sandbox',
    ]);
  });

  it.each(['PAYGATE_SANDBOX_CHAIN_URL', 'PAYGATE_SANDBOX_CHANGENOW_URL'])('refuses %s (no simulated chain or exchange in live mode)', (name) => {
    expect(problemsOf({ ...LIVE, [name]: 'http://127.0.0.1:8545' })).toEqual([`config error: ${name} applies to sandbox mode only; live mode has no sandbox`]);
  });

  it('names every sandbox option on its own line', () => {
    const problems = problemsOf({
      ...LIVE,
      PAYGATE_SANDBOX_EXPOSE: 'true',
      PAYGATE_SANDBOX_CHAIN_URL: 'http://127.0.0.1:8545',
      PAYGATE_SANDBOX_CHANGENOW_URL: 'http://127.0.0.1:4010',
    });
    expect(problems.map((line) => line.split(' ')[2])).toEqual(['PAYGATE_SANDBOX_EXPOSE', 'PAYGATE_SANDBOX_CHAIN_URL', 'PAYGATE_SANDBOX_CHANGENOW_URL']);
  });

  it.each(SANDBOX_CHAIN_KEYS.map((key, index) => [index, key] as const))(
    "refuses anvil's public development key #%i as the host wallet key, without echoing it",
    (_index, key) => {
      for (const written of [key, `0x${key}`, key.toUpperCase(), `0x${key.toUpperCase()}`]) {
        const error = errorOf({ ...LIVE, HOST_WALLET_PRIVATE_KEY: written });
        expect(error.message).toBe('config error: HOST_WALLET_PRIVATE_KEY is a public development key (anvil/hardhat); anyone can spend from it');
        expect(error.problems.map((p) => p.variable)).toEqual(['HOST_WALLET_PRIVATE_KEY']);
        expect(error.message.toLowerCase()).not.toContain(key);
        expect(JSON.stringify(error.details).toLowerCase()).not.toContain(key);
      }
    },
  );

  it('accepts a host wallet key written with 0x', () => {
    expect(loadConfig({ ...LIVE, HOST_WALLET_PRIVATE_KEY: `0x${LIVE.HOST_WALLET_PRIVATE_KEY}` }, noFiles).payouts.hostWalletPrivateKey).toBe(`0x${LIVE.HOST_WALLET_PRIVATE_KEY}`);
  });
});

describe('PAYGATE_MODE=sandbox (the default)', () => {
  it('binds to loopback and holds no live setting', () => {
    expect(loadConfig({}, noFiles)).toMatchObject({ mode: 'sandbox', host: '127.0.0.1', telegramApiUrl: undefined, nowpayments: { apiUrl: undefined } });
  });

  // The reported half-live setup: a live key and secret, no API URL. It used to start with the sandbox mounted.
  it('refuses the half-live mix of live NOWPayments credentials with the simulator', () => {
    const problems = problemsOf({ NOWPAYMENTS_API_KEY: 'NP-KEY-123456', NOWPAYMENTS_IPN_SECRET: 'ipn-secret-123' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^config error: NOWPAYMENTS_API_KEY is a live setting, but PAYGATE_MODE is sandbox/);
    expect(problems[1]).toMatch(/^config error: NOWPAYMENTS_IPN_SECRET is a live setting/);
    expect(problems.join('\n')).not.toContain('ipn-secret-123');
  });

  it.each(['NOWPAYMENTS_API_URL', 'TELEGRAM_API_URL'])('refuses %s', (name) => {
    expect(problemsOf({ PAYGATE_MODE: 'sandbox', [name]: 'https://example.org' })).toHaveLength(1);
  });

  it.each([
    ['CHANGENOW_API_URL', 'https://api.changenow.io'],
    ['CHANGENOW_API_KEY', 'cn-key-0123456789'],
    ['ETHEREUM_RPC_URL', 'https://eth.example.org/v3/abc'],
    ['HOST_WALLET_PRIVATE_KEY', 'f4efcddd02edecd12af2a8ea44c2b4df87d38b96effb62dc645d6ba4ea6bb8d4'],
  ])('refuses the live payout setting %s, without echoing it', (name, value) => {
    const problems = problemsOf({ PAYGATE_MODE: 'sandbox', [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^config error: ${name} is a live setting, but PAYGATE_MODE is sandbox`));
    expect(problems[0]).not.toContain(value);
  });

  it('refuses a whole live payout setup next to the simulators, one line each', () => {
    const problems = problemsOf({ CHANGENOW_API_KEY: LIVE.CHANGENOW_API_KEY, ETHEREUM_RPC_URL: LIVE.ETHEREUM_RPC_URL, HOST_WALLET_PRIVATE_KEY: LIVE.HOST_WALLET_PRIVATE_KEY });
    expect(problems.map((line) => line.split(' ')[2])).toEqual(['CHANGENOW_API_KEY', 'ETHEREUM_RPC_URL', 'HOST_WALLET_PRIVATE_KEY']);
    expect(problems.join('\n')).not.toContain(LIVE.HOST_WALLET_PRIVATE_KEY!);
  });

  it.each(['PAYGATE_SANDBOX_CHAIN_URL', 'PAYGATE_SANDBOX_CHANGENOW_URL'])('refuses a non-loopback %s', (name) => {
    for (const url of ['http://10.0.0.5:8545', 'http://anvil:8545', 'http://eth.example.org']) {
      expect(problemsOf({ [name]: url })).toEqual([
        `config error: ${name} must be a loopback address: the sandbox never talks to a chain or exchange elsewhere`,
      ]);
    }
    // PAYGATE_SANDBOX_EXPOSE opens the HTTP server, not the chain.
    expect(problemsOf({ [name]: 'http://10.0.0.5:8545', HOST: '0.0.0.0', PAYGATE_SANDBOX_EXPOSE: 'true' })).toHaveLength(1);
  });

  it.each(['http://127.0.0.1:8545', 'http://127.0.0.2:8545/', 'http://localhost:8545', 'http://[::1]:8545'])('accepts the loopback sandbox chain %s', (url) => {
    expect(loadConfig({ PAYGATE_SANDBOX_CHAIN_URL: url, PAYGATE_SANDBOX_CHANGENOW_URL: url }, noFiles).payouts).toMatchObject({
      sandboxChainUrl: url.replace(/\/$/, ''),
      sandboxChangenowUrl: url.replace(/\/$/, ''),
    });
  });

  it('refuses a live bot token next to simulated NOWPayments (and the reverse mix)', () => {
    expect(problemsOf({ TELEGRAM_BOT_TOKEN: LIVE.TELEGRAM_BOT_TOKEN })[0]).toMatch(/^config error: TELEGRAM_BOT_TOKEN is a live setting/);
  });

  it('refuses a non-loopback HOST unless PAYGATE_SANDBOX_EXPOSE=true', () => {
    expect(problemsOf({ HOST: '0.0.0.0' })[0]).toMatch(/^config error: HOST is not a loopback address/);
    expect(loadConfig({ HOST: '0.0.0.0', PAYGATE_SANDBOX_EXPOSE: 'true' }, noFiles)).toMatchObject({ host: '0.0.0.0', sandboxExposed: true });
    expect(loadConfig({ HOST: '::1' }, noFiles).host).toBe('::1');
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SANDBOX_NOWPAYMENTS_IPN_SECRET, SANDBOX_TELEGRAM_BOT_TOKEN, type Env } from './index.ts';

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
};

describe('PAYGATE_MODE=live', () => {
  it('starts with every live setting, on the real gateways, bound to every interface', () => {
    const config = loadConfig(LIVE, noFiles);
    expect(config).toMatchObject({
      mode: 'live',
      host: '0.0.0.0',
      nowpayments: { apiUrl: 'https://api.nowpayments.io' },
      telegramApiUrl: 'https://api.telegram.org',
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
    ]);
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
    });
    expect(problems.map((line) => line.split(' ')[2])).toEqual(['NOWPAYMENTS_API_URL', 'TELEGRAM_API_URL']);
  });

  it('accepts a self-hosted Bot API server', () => {
    expect(loadConfig({ ...LIVE, TELEGRAM_API_URL: 'http://bot-api:8081/' }, noFiles).telegramApiUrl).toBe('http://bot-api:8081');
  });

  it('has no sandbox option', () => {
    expect(problemsOf({ ...LIVE, PAYGATE_SANDBOX_EXPOSE: 'true' })).toEqual([
      'config error: PAYGATE_SANDBOX_EXPOSE applies to sandbox mode only; live mode has no sandbox',
    ]);
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

  it('refuses a live bot token next to simulated NOWPayments (and the reverse mix)', () => {
    expect(problemsOf({ TELEGRAM_BOT_TOKEN: LIVE.TELEGRAM_BOT_TOKEN })[0]).toMatch(/^config error: TELEGRAM_BOT_TOKEN is a live setting/);
  });

  it('refuses a non-loopback HOST unless PAYGATE_SANDBOX_EXPOSE=true', () => {
    expect(problemsOf({ HOST: '0.0.0.0' })[0]).toMatch(/^config error: HOST is not a loopback address/);
    expect(loadConfig({ HOST: '0.0.0.0', PAYGATE_SANDBOX_EXPOSE: 'true' }, noFiles)).toMatchObject({ host: '0.0.0.0', sandboxExposed: true });
    expect(loadConfig({ HOST: '::1' }, noFiles).host).toBe('::1');
  });
});

import { describe, expect, it } from 'vitest';
import { PayGateError } from '@paygate/domain';
import { configSecrets, loadConfig } from '../config/index.ts';
import { GrammyError } from 'grammy';
import { deriveWebhookSecret } from '@paygate/bot';
import { addLogSecrets, createLogger } from './index.ts';

const capture = () => {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
};

const config = loadConfig(
  {
    PAYGATE_MODE: 'live',
    PAYGATE_PUBLIC_URL: 'https://pay.example.org',
    DATABASE_URL: 'postgres://paygate:db-pa%24%24word@db:5432/paygate',
    NOWPAYMENTS_API_KEY: 'NPKEY-7f3a9c-live',
    NOWPAYMENTS_IPN_SECRET: 'ipn"quoted\\secret',
    PAYGATE_OPERATOR_KEY: 'op-key-0123456789abcdef',
    TELEGRAM_BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678',
    CHANGENOW_API_KEY: 'cn-key-0123456789',
    ETHEREUM_RPC_URL: 'https://eth.example.org/v3/abc',
    HOST_WALLET_PRIVATE_KEY: 'f4efcddd02edecd12af2a8ea44c2b4df87d38b96effb62dc645d6ba4ea6bb8d4',
  },
  { readFile: () => '' },
);
const secrets = configSecrets(config);
const rawSecrets = ['NPKEY-7f3a9c-live', 'ipn"quoted\\secret', 'op-key-0123456789abcdef', '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678', 'db-pa$$word', 'db-pa%24%24word', 'cn-key-0123456789', 'f4efcddd02edecd12af2a8ea44c2b4df87d38b96effb62dc645d6ba4ea6bb8d4'];

const assertClean = (lines: string[]) => {
  expect(lines.length).toBeGreaterThan(0);
  const output = lines.join('');
  for (const secret of rawSecrets) {
    expect(output).not.toContain(secret);
    expect(output).not.toContain(JSON.stringify(secret).slice(1, -1));
  }
  for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
};

describe('createLogger', () => {
  it('redacts secret-looking fields at any of the first three levels', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', destination });
    logger.info(
      {
        apiKey: 'k1-aaaaaaaa',
        password: 'k2-bbbbbbbb',
        gateway: { ipnSecret: 'k3-cccccccc', token: 'k4-dddddddd' },
        req: { headers: { authorization: 'Bearer k5-eeeeeeee', 'x-api-key': 'k6-ffffffff', host: 'example.org' } },
      },
      'request',
    );
    const line = JSON.parse(lines[0] ?? '{}');
    expect(line.apiKey).toBe('[REDACTED]');
    expect(line.gateway.ipnSecret).toBe('[REDACTED]');
    expect(line.req.headers.authorization).toBe('[REDACTED]');
    expect(line.req.headers['x-api-key']).toBe('[REDACTED]');
    expect(line.req.headers.host).toBe('example.org');
    expect(lines.join('')).not.toMatch(/k[1-6]-/);
  });

  it('scrubs configured secret values from messages, objects, errors and child loggers', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'debug', secrets, destination });
    logger.info(`calling NOWPayments with key ${config.nowpayments.apiKey}`);
    logger.info({ config }, 'loaded configuration');
    logger.warn({ note: `ipn secret is ${config.nowpayments.ipnSecret}` }, 'oops');
    logger.error({ err: new Error(`connect failed for ${config.databaseUrl}`) }, 'database down');
    logger.error(
      { err: new PayGateError('unauthorized', 'bad token', { token2: config.telegramBotToken }, { cause: new Error(config.operatorKey) }) },
      'nested',
    );
    logger.child({ role: 'api' }).debug(`operator ${config.operatorKey}`);
    logger.info({ list: [config.nowpayments.apiKey, { deep: { deeper: { value: config.telegramBotToken } } }] }, 'arrays');
    logger.info({ percentDecoded: decodeURIComponent('db-pa%24%24word') }, 'decoded password');
    expect(lines).toHaveLength(8);
    assertClean(lines);
    expect(lines[0]).toContain('calling NOWPayments with key [REDACTED]');
    // The host stays readable: only the password is masked.
    expect(lines[3]).toContain('paygate:[REDACTED]@db:5432');
  });

  it('honours the level', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'warn', destination });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines).toHaveLength(1);
  });
});

describe('addLogSecrets', () => {
  it('masks a secret learned after start-up, in the logger and its existing children', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ destination });
    const child = logger.child({ role: 'api' });
    addLogSecrets(logger, 'generated-db-password');
    logger.info('password is generated-db-password');
    child.info({ url: 'postgres://postgres:generated-db-password@127.0.0.1/paygate' }, 'connecting');
    expect(lines.join('')).not.toContain('generated-db-password');
    expect(lines).toHaveLength(2);
  });
});

describe('Telegram webhook secret', () => {
  const token = '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678';
  const secretToken = deriveWebhookSecret(token);
  const failedSetWebhook = new GrammyError(
    "Call to 'setWebhook' failed!",
    { ok: false, error_code: 400, description: 'Bad Request: bad webhook: HTTPS url must be provided for webhook' },
    'setWebhook',
    { url: 'http://pay.example.org/webhooks/telegram', secret_token: secretToken },
  );

  it('never logs the secret token of a failed setWebhook, by field name alone', () => {
    const { lines, destination } = capture();
    createLogger({ level: 'info', destination }).error({ err: failedSetWebhook }, 'setting the webhook failed');
    expect(lines.join('')).not.toContain(secretToken);
    expect(JSON.parse(lines[0] ?? '{}').err.payload).toBe('[REDACTED]');
  });

  it('scrubs the derived secret wherever it appears once the logger knows it', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', destination });
    addLogSecrets(logger, secretToken);
    logger.child({ component: 'bot' }).warn({ deep: { a: { b: { header: secretToken } } } }, `bad header ${secretToken}`);
    expect(lines.join('')).not.toContain(secretToken);
  });
});

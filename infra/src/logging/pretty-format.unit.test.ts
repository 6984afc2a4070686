import { describe, expect, it } from 'vitest';
import { PayGateError } from '@paygate/domain';
import { configSecrets, loadConfig } from '../config/index.ts';
import { addLogSecrets, createLogger, logFormatFor } from './index.ts';

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
const rawSecrets = ['NPKEY-7f3a9c-live', 'ipn"quoted\\secret', 'op-key-0123456789abcdef', '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678', 'db-pa$$word', 'db-pa%24%24word'];

describe('logFormatFor', () => {
  it.each([
    [undefined, true, 'pretty'],
    [undefined, false, 'json'],
    [undefined, undefined, 'json'],
    ['json', true, 'json'],
    ['pretty', false, 'pretty'],
  ] as const)('LOG_FORMAT=%s, terminal %s → %s', (override, isTTY, expected) => {
    expect(logFormatFor(override, isTTY === undefined ? {} : { isTTY })).toBe(expected);
  });
});

describe('pretty format', () => {
  it('writes one readable line per entry: time, level, role, message, fields', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ format: 'pretty', destination });
    logger.child({ role: 'api' }).info({ url: 'http://127.0.0.1:3000' }, 'api listening');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: api: api listening \{"url":"http:\/\/127\.0\.0\.1:3000"\}\n$/);
    expect(lines[0]).not.toContain('hostname');
  });

  it('redacts secret fields and scrubs secret values, as the JSON format does', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'debug', format: 'pretty', secrets: configSecrets(config), destination });
    logger.info(`calling NOWPayments with key ${config.nowpayments.apiKey}`);
    logger.info({ config }, 'loaded configuration');
    logger.warn({ note: `ipn secret is ${config.nowpayments.ipnSecret}` }, 'oops');
    logger.error({ err: new Error(`connect failed for ${config.databaseUrl}`) }, 'database down');
    logger.child({ role: 'api' }).debug({ apiKey: 'k1-aaaaaaaa', headers: { authorization: 'Bearer k2-bbbbbbbb' } }, `operator ${config.operatorKey}`);
    addLogSecrets(logger, 'generated-db-password');
    logger.info({ url: 'postgres://postgres:generated-db-password@127.0.0.1/paygate' }, 'connecting');
    const output = lines.join('');
    expect(lines).toHaveLength(6);
    for (const secret of [...rawSecrets, 'k1-aaaaaaaa', 'k2-bbbbbbbb', 'generated-db-password']) expect(output).not.toContain(secret);
    expect(output).toContain('calling NOWPayments with key [REDACTED]');
    expect(output).toContain('paygate:[REDACTED]@db:5432');
    expect(() => JSON.parse(lines[0]!)).toThrow();
  });
});

describe('errors in log lines', () => {
  it('an anticipated refusal is logged without its stack; a real failure keeps it', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ destination });
    const refusal = new PayGateError('not_found', 'Telegram sendMessage failed: Bad Request: chat not found', { method: 'sendMessage', errorCode: 400 });
    logger.info({ err: refusal }, 'DM not delivered');
    logger.warn({ err: new TypeError('cannot read properties of undefined') }, 'handler failed');
    const [expected, failure] = lines.map((line) => JSON.parse(line) as { err: Record<string, unknown> });
    expect(expected!.err).toEqual({
      type: 'PayGateError',
      message: 'Telegram sendMessage failed: Bad Request: chat not found',
      kind: 'not_found',
      details: { method: 'sendMessage', errorCode: 400 },
      name: 'PayGateError',
    });
    expect(failure!.err.stack).toMatch(/^TypeError: cannot read properties of undefined\n\s+at /);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, type Env } from '../config/index.ts';
import { createInProcessBroker } from '../broker/in-process/index.ts';
import { createPostgresEventStore } from '../event-store/index.ts';
import { createLogger } from '../logging/index.ts';
import { createPool } from '../postgres/index.ts';
import { composePayGate } from './compose-paygate.ts';
import type { Platform } from './platform.ts';
import { ROLE_NAMES } from './role.ts';

// The simulated Telegram keeps its world in the data dir.
const dataDir = mkdtempSync(join(tmpdir(), 'paygate-compose-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Composing does no I/O: this pool is never dialled.
const platformFor = (env: Env): Platform => {
  const pool = createPool('postgres://nobody@127.0.0.1:1/none');
  return {
    config: loadConfig({ LOG_LEVEL: 'silent', PAYGATE_DATA_DIR: dataDir, ...env }),
    logger: createLogger({ level: 'silent' }),
    pool,
    eventStore: createPostgresEventStore({ pool, notifyChannel: null }),
    broker: createInProcessBroker(),
    clock: () => new Date('2030-01-01T00:00:00Z'),
  };
};

const LIVE: Env = {
  PAYGATE_MODE: 'live',
  DATABASE_URL: 'postgres://app@db.example.org/paygate',
  PAYGATE_PUBLIC_URL: 'https://pay.example.org',
  PAYGATE_OPERATOR_KEY: 'operator-key-0123456789',
  NOWPAYMENTS_API_KEY: 'NP-KEY-123456',
  NOWPAYMENTS_IPN_SECRET: 'ipn-secret-123',
  TELEGRAM_BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678',
  CHANGENOW_API_KEY: 'cn-key-0123456789',
  ETHEREUM_RPC_URL: 'https://eth.example.org/v3/abc',
  HOST_WALLET_PRIVATE_KEY: 'f4efcddd02edecd12af2a8ea44c2b4df87d38b96effb62dc645d6ba4ea6bb8d4',
};

describe('composePayGate', () => {
  it('builds one factory per role; each builds its role without starting it', () => {
    const { roles } = composePayGate(platformFor({}));
    expect(Object.keys(roles).sort()).toEqual([...ROLE_NAMES].sort());
    for (const name of ROLE_NAMES) expect(roles[name]().name).toBe(name);
  });

  it('sandbox mode builds both simulators, reached at the api address once it is known', () => {
    const paygate = composePayGate(platformFor({}));
    expect(paygate.nowPayments).toMatchObject({ mode: 'sandbox' });
    expect(paygate.nowPayments.sandbox).toBeDefined();
    expect(paygate.telegram.sandbox).toBeDefined();
    expect(paygate.bot.transport).toBe('polling');
    paygate.address.record('http://127.0.0.1:4321/');
    expect(paygate.telegram.apiRoot()).toBe('http://127.0.0.1:4321/sandbox/telegram');
    expect(paygate.address.publicUrl()).toBe('http://127.0.0.1:4321');
  });

  it('a CLI command composes with the running api address', () => {
    const paygate = composePayGate(platformFor({}), { apiUrl: 'http://127.0.0.1:9999' });
    expect(paygate.address.localApiUrl()).toBe('http://127.0.0.1:9999');
    expect(paygate.telegram.apiRoot()).toBe('http://127.0.0.1:9999/sandbox/telegram');
  });

  it('live mode builds no simulator and sets the Telegram webhook on an https public URL', () => {
    const paygate = composePayGate(platformFor(LIVE));
    expect(paygate.nowPayments.mode).toBe('live');
    expect(paygate.nowPayments.sandbox).toBeUndefined();
    expect(paygate.telegram.mode).toBe('live');
    expect(paygate.telegram.sandbox).toBeUndefined();
    expect(paygate.telegram.apiRoot()).toBe('https://api.telegram.org');
    expect(paygate.bot.transport).toBe('webhook');
    expect(paygate.bot.webhookUrl).toBe('https://pay.example.org/webhooks/telegram');
  });

  it('shares nothing between two compositions (no module-level state)', () => {
    const platform = platformFor({});
    const first = composePayGate(platform);
    const second = composePayGate(platform);
    first.address.record('http://127.0.0.1:1111');
    expect(second.address.localApiUrl()).toBeUndefined();
    expect(second.payments).not.toBe(first.payments);
    expect(second.telegram.sandbox).not.toBe(first.telegram.sandbox);
  });
});

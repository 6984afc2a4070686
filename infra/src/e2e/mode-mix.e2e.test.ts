import { describe, expect, it } from 'vitest';
import { cleanEnv, exitWithin, spawnPaygate } from '../cli/test-support/spawn-paygate.ts';
import { SANDBOX_NOWPAYMENTS_IPN_SECRET } from '../config/index.ts';
import { LIVE } from './test-support/live-fakes.ts';

// Live payout settings (LIVE has none yet): a random host key, not one of anvil's public ones.
const PAYOUTS = {
  CHANGENOW_API_KEY: 'cn-live-key-5e7a9b1c',
  ETHEREUM_RPC_URL: 'https://eth.example.org/v3/abc',
  HOST_WALLET_PRIVATE_KEY: 'f4efcddd02edecd12af2a8ea44c2b4df87d38b96effb62dc645d6ba4ea6bb8d4',
};
const ANVIL_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

const LIVE_ENV = {
  PAYGATE_MODE: 'live',
  DATABASE_URL: 'postgres://paygate_app@127.0.0.1:1/paygate',
  PAYGATE_PUBLIC_URL: 'https://pay.example.org',
  PAYGATE_OPERATOR_KEY: LIVE.operatorKey,
  NOWPAYMENTS_API_KEY: LIVE.nowPaymentsApiKey,
  NOWPAYMENTS_IPN_SECRET: LIVE.ipnSecret,
  TELEGRAM_BOT_TOKEN: LIVE.botToken,
  ...PAYOUTS,
};

// Each half-live or mixed configuration stops `paygate start` before it opens anything: exit 2,
// one stderr line per offending variable, no secret echoed.
describe('paygate start refuses every mix of sandbox and live', () => {
  it.each<[string, Record<string, string>, string[]]>([
    ['live NOWPayments credentials with no mode (the reported half-live setup)', { NOWPAYMENTS_API_KEY: LIVE.nowPaymentsApiKey, NOWPAYMENTS_IPN_SECRET: LIVE.ipnSecret }, ['NOWPAYMENTS_API_KEY', 'NOWPAYMENTS_IPN_SECRET']],
    ['a live bot token next to simulated NOWPayments', { TELEGRAM_BOT_TOKEN: LIVE.botToken }, ['TELEGRAM_BOT_TOKEN']],
    ['live NOWPayments next to a simulated Telegram', { PAYGATE_MODE: 'sandbox', NOWPAYMENTS_API_URL: 'https://api.nowpayments.io', NOWPAYMENTS_API_KEY: LIVE.nowPaymentsApiKey }, ['NOWPAYMENTS_API_URL', 'NOWPAYMENTS_API_KEY']],
    ['live mode with nothing set', { PAYGATE_MODE: 'live' }, ['DATABASE_URL', 'PAYGATE_PUBLIC_URL', 'PAYGATE_OPERATOR_KEY', 'NOWPAYMENTS_API_KEY', 'NOWPAYMENTS_IPN_SECRET', 'TELEGRAM_BOT_TOKEN', 'CHANGENOW_API_KEY', 'ETHEREUM_RPC_URL', 'HOST_WALLET_PRIVATE_KEY']],
    ['live mode without a bot token (a simulated Telegram would be the only one left)', { ...LIVE_ENV, TELEGRAM_BOT_TOKEN: '' }, ['TELEGRAM_BOT_TOKEN']],
    ['live mode signing IPNs with the public sandbox secret', { ...LIVE_ENV, NOWPAYMENTS_IPN_SECRET: SANDBOX_NOWPAYMENTS_IPN_SECRET }, ['NOWPAYMENTS_IPN_SECRET']],
    ['live mode pointed at a PayGate sandbox', { ...LIVE_ENV, NOWPAYMENTS_API_URL: 'http://127.0.0.1:3000/sandbox/nowpayments' }, ['NOWPAYMENTS_API_URL']],
    ['a sandbox exposed beyond loopback without saying so', { HOST: '0.0.0.0' }, ['HOST']],
    ['a live host wallet and ChangeNOW key next to the sandbox chain', { ...PAYOUTS }, ['CHANGENOW_API_KEY', 'ETHEREUM_RPC_URL', 'HOST_WALLET_PRIVATE_KEY']],
    ['live mode without the host wallet key', { ...LIVE_ENV, HOST_WALLET_PRIVATE_KEY: '' }, ['HOST_WALLET_PRIVATE_KEY']],
    ["live mode paying out from anvil's public development key", { ...LIVE_ENV, HOST_WALLET_PRIVATE_KEY: ANVIL_KEY }, ['HOST_WALLET_PRIVATE_KEY']],
    ['live mode pointed at a sandbox chain', { ...LIVE_ENV, PAYGATE_SANDBOX_CHAIN_URL: 'http://127.0.0.1:8545' }, ['PAYGATE_SANDBOX_CHAIN_URL']],
    ['a sandbox chain beyond loopback', { PAYGATE_SANDBOX_CHAIN_URL: 'http://10.0.0.5:8545' }, ['PAYGATE_SANDBOX_CHAIN_URL']],
  ])('%s', async (_what, extra, variables) => {
    const run = spawnPaygate(['start'], cleanEnv({ PORT: '0', PAYGATE_DATA_DIR: '/nonexistent/paygate-mode-mix', ...extra }));
    const { code } = await exitWithin(run.exited, 30_000, 'paygate start');
    expect(code).toBe(2);
    const lines = run.stderr().trim().split('\n');
    expect(lines.map((line) => /^config error: (\w+) /.exec(line)?.[1])).toEqual(variables);
    for (const secret of [LIVE.nowPaymentsApiKey, LIVE.ipnSecret, LIVE.botToken, LIVE.operatorKey, PAYOUTS.CHANGENOW_API_KEY, PAYOUTS.HOST_WALLET_PRIVATE_KEY, ANVIL_KEY.slice(2)]) {
      expect(run.stderr()).not.toContain(secret);
    }
    expect(run.stdout()).not.toContain('listening');
  });
});

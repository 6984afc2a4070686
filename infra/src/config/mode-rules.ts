import type { ConfigProblem } from './config-error.ts';
import {
  SANDBOX_NOWPAYMENTS_API_KEY,
  SANDBOX_NOWPAYMENTS_IPN_SECRET,
  SANDBOX_TELEGRAM_BOT_TOKEN,
  SANDBOX_CHAIN_KEYS,
} from './sandbox-credentials.ts';

export type Mode = 'sandbox' | 'live';

/** What the mode rules look at: the validated values, by variable name (unset: undefined). */
export type ModeInputs = Readonly<Record<string, unknown>>;

/**
 * Settings that only make sense against the real gateways. Sandbox mode refuses each of them:
 * a live credential next to a simulator is how a half-live setup hands out free access.
 */
export const LIVE_ONLY_VARIABLES = [
  'NOWPAYMENTS_API_URL',
  'NOWPAYMENTS_API_KEY',
  'NOWPAYMENTS_IPN_SECRET',
  'NOWPAYMENTS_IPN_SECRET_PREVIOUS',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_API_URL',
  'CHANGENOW_API_URL',
  'CHANGENOW_API_KEY',
  'ETHEREUM_RPC_URL',
  'HOST_WALLET_PRIVATE_KEY',
] as const;

/** Sandbox options: live mode refuses each (nothing simulated is reachable there). */
export const SANDBOX_ONLY_VARIABLES = ['PAYGATE_SANDBOX_EXPOSE', 'PAYGATE_SANDBOX_CHAIN_URL', 'PAYGATE_SANDBOX_CHANGENOW_URL'] as const;

/** Live mode starts only with every one of these. */
export const LIVE_REQUIRED_VARIABLES = [
  'DATABASE_URL',
  'PAYGATE_PUBLIC_URL',
  'PAYGATE_OPERATOR_KEY',
  'NOWPAYMENTS_API_KEY',
  'NOWPAYMENTS_IPN_SECRET',
  'TELEGRAM_BOT_TOKEN',
  'CHANGENOW_API_KEY',
  'ETHEREUM_RPC_URL',
  'HOST_WALLET_PRIVATE_KEY',
] as const;

const LIVE_REQUIRED_WHY: Record<(typeof LIVE_REQUIRED_VARIABLES)[number], string> = {
  DATABASE_URL: 'the embedded PostgreSQL is for trying PayGate out, not for real money',
  PAYGATE_PUBLIC_URL: 'NOWPayments sends IPNs and owners open links there',
  PAYGATE_OPERATOR_KEY: 'operator endpoints would have no key',
  NOWPAYMENTS_API_KEY: 'invoices are created with it',
  NOWPAYMENTS_IPN_SECRET: 'IPN signatures are verified with it',
  TELEGRAM_BOT_TOKEN: 'the bot talks to Telegram with it',
  CHANGENOW_API_KEY: 'owners paid in another currency are paid through ChangeNOW swaps',
  ETHEREUM_RPC_URL: 'payouts are broadcast and confirmed through it',
  HOST_WALLET_PRIVATE_KEY: 'payouts are signed with it',
};

const SANDBOX_VALUES: ReadonlyArray<readonly [string, string]> = [
  ['NOWPAYMENTS_API_KEY', SANDBOX_NOWPAYMENTS_API_KEY],
  ['NOWPAYMENTS_IPN_SECRET', SANDBOX_NOWPAYMENTS_IPN_SECRET],
  ['TELEGRAM_BOT_TOKEN', SANDBOX_TELEGRAM_BOT_TOKEN],
];

const pointsAtSandbox = (url: unknown): boolean => {
  if (typeof url !== 'string') return false;
  try {
    return /(^|\/)sandbox(\/|$)/.test(new URL(url).pathname);
  } catch {
    return false;
  }
};

const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|::1|\[::1\]|localhost)$/i;
export const isLoopbackHost = (host: string): boolean => LOOPBACK_HOST.test(host);

/**
 * Sandbox and live never mix. Live: every live setting present, none of them a sandbox value or
 * a sandbox URL, and no sandbox option. Sandbox: no live setting at all, and a non-loopback HOST
 * only when PAYGATE_SANDBOX_EXPOSE=true says so. Pure; one problem per offending variable.
 */
export const modeProblems = (mode: Mode, values: ModeInputs): ConfigProblem[] => {
  const problems: ConfigProblem[] = [];
  const set = (name: string) => values[name] !== undefined;
  if (mode === 'live') {
    for (const name of LIVE_REQUIRED_VARIABLES) {
      if (!set(name)) problems.push({ variable: name, message: `is required in live mode (${LIVE_REQUIRED_WHY[name]})` });
    }
    for (const [name, sandboxValue] of SANDBOX_VALUES) {
      if (values[name] === sandboxValue) problems.push({ variable: name, message: 'is the public sandbox value; live mode needs the real one' });
    }
    for (const name of ['NOWPAYMENTS_API_URL', 'TELEGRAM_API_URL', 'CHANGENOW_API_URL']) {
      if (pointsAtSandbox(values[name])) problems.push({ variable: name, message: 'points at a PayGate sandbox; live mode talks to the real service only' });
    }
    if (values.PAYGATE_SANDBOX_EXPOSE === 'true') {
      problems.push({ variable: 'PAYGATE_SANDBOX_EXPOSE', message: 'applies to sandbox mode only; live mode has no sandbox' });
    }
    for (const name of SANDBOX_ONLY_VARIABLES.filter((variable) => variable !== 'PAYGATE_SANDBOX_EXPOSE' && set(variable))) {
      problems.push({ variable: name, message: 'applies to sandbox mode only; live mode has no sandbox' });
    }
    if (values.HOST_WALLET_PRIVATE_KEY !== undefined && SANDBOX_CHAIN_KEYS.includes(String(values.HOST_WALLET_PRIVATE_KEY).toLowerCase().replace(/^0x/, ''))) {
      problems.push({ variable: 'HOST_WALLET_PRIVATE_KEY', message: 'is a public development key (anvil/hardhat); anyone can spend from it' });
    }
    return problems;
  }
  for (const name of LIVE_ONLY_VARIABLES) {
    if (set(name)) {
      problems.push({
        variable: name,
        message: 'is a live setting, but PAYGATE_MODE is sandbox (the default), which simulates NOWPayments and Telegram; set PAYGATE_MODE=live with every live setting, or unset it',
      });
    }
  }
  for (const name of ['PAYGATE_SANDBOX_CHAIN_URL', 'PAYGATE_SANDBOX_CHANGENOW_URL']) {
    const url = values[name];
    if (typeof url === 'string' && !isLoopbackHost(new URL(url).hostname)) {
      problems.push({ variable: name, message: 'must be a loopback address: the sandbox never talks to a chain or exchange elsewhere' });
    }
  }
  const host = values.HOST;
  if (typeof host === 'string' && !isLoopbackHost(host) && values.PAYGATE_SANDBOX_EXPOSE !== 'true') {
    problems.push({
      variable: 'HOST',
      message: 'is not a loopback address, and the sandboxes bind to loopback only in sandbox mode; set PAYGATE_SANDBOX_EXPOSE=true to expose them on purpose',
    });
  }
  return problems;
};

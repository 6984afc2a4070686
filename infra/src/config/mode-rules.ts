import type { ConfigProblem } from './config-error.ts';
import {
  SANDBOX_NOWPAYMENTS_API_KEY,
  SANDBOX_NOWPAYMENTS_IPN_SECRET,
  SANDBOX_TELEGRAM_BOT_TOKEN,
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
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_API_URL',
] as const;

/** Live mode starts only with every one of these. */
export const LIVE_REQUIRED_VARIABLES = [
  'DATABASE_URL',
  'PAYGATE_PUBLIC_URL',
  'PAYGATE_OPERATOR_KEY',
  'NOWPAYMENTS_API_KEY',
  'NOWPAYMENTS_IPN_SECRET',
  'TELEGRAM_BOT_TOKEN',
] as const;

const LIVE_REQUIRED_WHY: Record<(typeof LIVE_REQUIRED_VARIABLES)[number], string> = {
  DATABASE_URL: 'the embedded PostgreSQL is for trying PayGate out, not for real money',
  PAYGATE_PUBLIC_URL: 'NOWPayments sends IPNs and owners open links there',
  PAYGATE_OPERATOR_KEY: 'operator endpoints would have no key',
  NOWPAYMENTS_API_KEY: 'invoices are created with it',
  NOWPAYMENTS_IPN_SECRET: 'IPN signatures are verified with it',
  TELEGRAM_BOT_TOKEN: 'the bot talks to Telegram with it',
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
    for (const name of ['NOWPAYMENTS_API_URL', 'TELEGRAM_API_URL']) {
      if (pointsAtSandbox(values[name])) problems.push({ variable: name, message: 'points at a PayGate sandbox; live mode talks to the real service only' });
    }
    if (values.PAYGATE_SANDBOX_EXPOSE === 'true') {
      problems.push({ variable: 'PAYGATE_SANDBOX_EXPOSE', message: 'applies to sandbox mode only; live mode has no sandbox' });
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
  const host = values.HOST;
  if (typeof host === 'string' && !isLoopbackHost(host) && values.PAYGATE_SANDBOX_EXPOSE !== 'true') {
    problems.push({
      variable: 'HOST',
      message: 'is not a loopback address, and the sandboxes bind to loopback only in sandbox mode; set PAYGATE_SANDBOX_EXPOSE=true to expose them on purpose',
    });
  }
  return problems;
};

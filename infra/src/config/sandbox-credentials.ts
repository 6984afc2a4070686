/**
 * The sandboxes' fixed credentials. They move no money, so they are public on purpose; for the
 * same reason live mode refuses every one of them.
 */
export const SANDBOX_NOWPAYMENTS_API_KEY = 'paygate-sandbox-api-key';
export const SANDBOX_NOWPAYMENTS_IPN_SECRET = 'paygate-sandbox-ipn-secret';
export const SANDBOX_TELEGRAM_BOT_TOKEN = '7000000001:paygate-sandbox-bot-token';
export const SANDBOX_TELEGRAM_BOT_USERNAME = 'paygate_sandbox_bot';

/** Where the simulators are mounted on the api role's server (sandbox mode only). */
export const NOWPAYMENTS_SANDBOX_PATH = '/sandbox/nowpayments';
export const TELEGRAM_SANDBOX_PATH = '/sandbox/telegram';

/** Live gateways' default base URLs. */
export const LIVE_NOWPAYMENTS_API_URL = 'https://api.nowpayments.io';
export const LIVE_TELEGRAM_API_URL = 'https://api.telegram.org';

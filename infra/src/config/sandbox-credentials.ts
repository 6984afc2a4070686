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

/**
 * The sandbox chain's accounts: anvil's well-known development keys (mnemonic "test test … junk"),
 * public on purpose; live mode refuses them as a host wallet key.
 */
export const SANDBOX_CHAIN_KEYS: readonly string[] = [
  'ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  '7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
];
export const LIVE_CHANGENOW_API_URL = 'https://api.changenow.io';
export const SANDBOX_CHANGENOW_API_KEY = 'paygate-sandbox-changenow-key';

import * as v from 'valibot';
import { integerIn, matching, oneOf, secretText, urlListWith, urlWith } from './rules.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LOG_FORMAT_NAMES = ['json', 'pretty'] as const;

type Variable = {
  readonly name: string;
  /** Used when the variable is unset or empty. `undefined`: the feature it names is off or embedded. */
  readonly default?: string;
  /** Secret values are never echoed in errors, are scrubbed from logs, and may come from `<NAME>_FILE`. */
  readonly secret: boolean;
  readonly description: string;
  readonly schema: v.GenericSchema<string, unknown>;
};

/**
 * Every environment variable PayGate reads: the single source for validation, the logger's
 * secret list and the documentation table (a unit test checks docs/configuration.md against it).
 */
export const CONFIG_VARIABLES = [
  {
    name: 'PAYGATE_MODE',
    default: 'sandbox',
    secret: false,
    description: 'sandbox: simulated NOWPayments and Telegram on loopback, no live credential allowed. live: real gateways, every live setting required, no simulator at all',
    schema: oneOf(['sandbox', 'live'] as const),
  },
  { name: 'PORT', default: '3000', secret: false, description: 'HTTP port of the api role (0 picks a free port)', schema: integerIn(0, 65535) },
  { name: 'METRICS_PORT', secret: false, description: 'Port serving only /metrics (Prometheus), unauthenticated, on METRICS_HOST. Unset: /metrics is on the api port behind the operator key', schema: integerIn(0, 65535) },
  {
    name: 'METRICS_HOST',
    default: '127.0.0.1',
    secret: false,
    description: 'Address the METRICS_PORT server binds to. Loopback unless set: its /metrics has no authentication, so only a private network should reach it',
    schema: matching(/^[\w.:-]+$/, 'a host name or IP address'),
  },
  { name: 'HOST', secret: false, description: 'Address the HTTP server binds to. Unset: 127.0.0.1 in sandbox mode, 0.0.0.0 in live mode', schema: matching(/^[\w.:-]+$/, 'a host name or IP address') },
  { name: 'LOG_LEVEL', default: 'info', secret: false, description: `Minimum log level: ${LOG_LEVELS.join(', ')}`, schema: oneOf(LOG_LEVELS) },
  { name: 'LOG_FORMAT', secret: false, description: 'json: one JSON object per line. pretty: one readable line per entry. Unset: pretty when the log goes to a terminal, json otherwise', schema: oneOf(LOG_FORMAT_NAMES) },
  {
    name: 'DATABASE_URL',
    secret: true,
    description: 'PostgreSQL for read models (and the event store unless EVENTSTORE_URL is set). Unset: embedded PostgreSQL under PAYGATE_DATA_DIR',
    schema: urlWith(['postgres:', 'postgresql:']),
  },
  {
    name: 'NATS_URL',
    secret: true,
    description: 'NATS JetStream server(s), comma-separated. Unset: in-process broker (single process only)',
    schema: urlListWith(['nats:', 'tls:']),
  },
  {
    name: 'EVENTSTORE_URL',
    secret: true,
    description: 'KurrentDB / EventStoreDB connection string. Unset: the event store lives in PostgreSQL',
    schema: urlWith(['kurrentdb:', 'kurrentdb+discover:', 'kdb:', 'kdb+discover:', 'esdb:', 'esdb+discover:']),
  },
  { name: 'NATS_STREAM', default: 'PAYGATE_EVENTS', secret: false, description: 'JetStream stream the relay publishes events to', schema: matching(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ or - (at most 64)') },
  { name: 'NATS_SUBJECT_PREFIX', default: 'paygate.events', secret: false, description: 'Subject prefix events are published under (`<prefix>.<category>.<type>`); must not overlap another stream', schema: matching(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'dot-separated tokens of letters, digits, _ or -') },
  { name: 'PAYGATE_PUBLIC_URL', secret: false, description: 'Public base URL (webhook callbacks, dashboard links). Unset: http://localhost:PORT', schema: urlWith(['http:', 'https:']) },
  { name: 'PAYGATE_DATA_DIR', default: './.paygate', secret: false, description: 'Local state: the embedded PostgreSQL data directory', schema: v.pipe(v.string(), v.minLength(1, 'must be a directory path')) },
  { name: 'PLATFORM_FEE_BPS', default: '500', secret: false, description: 'Platform fee in basis points (500 = 5%)', schema: integerIn(0, 10000) },
  { name: 'SUBSCRIPTION_GRACE_HOURS', default: '24', secret: false, description: 'Hours after a subscription ends before the subscriber is removed (a renewal meanwhile still extends from the end)', schema: integerIn(0, 720) },
  { name: 'SUBSCRIPTION_REMINDER_DAYS', default: '3,1', secret: false, description: 'Days before the end at which a renewal reminder is sent, comma-separated', schema: matching(/^([1-9]|[1-2]\d|30)(,([1-9]|[1-2]\d|30))*$/, 'comma-separated whole days from 1 to 30, e.g. 3,1') },
  { name: 'IPN_RECONCILE_AFTER_MINUTES', default: '30', secret: false, description: 'Minutes a payment or invoice may wait for its next NOWPayments IPN before the reconciler asks NOWPayments for its status', schema: integerIn(1, 10080) },
  { name: 'BROADCAST_SEND_NOW_COOLDOWN_MINUTES', default: '60', secret: false, description: 'Minutes between two "send now" broadcasts of one channel (scheduled ones are not limited)', schema: integerIn(0, 10080) },
  { name: 'BROADCAST_CHECK_SECONDS', default: '30', secret: false, description: 'How often the broadcast scheduler looks for due broadcasts', schema: integerIn(1, 3600) },
  { name: 'NOWPAYMENTS_API_URL', secret: false, description: 'NOWPayments API base URL (live mode only). Unset: https://api.nowpayments.io', schema: urlWith(['http:', 'https:']) },
  { name: 'NOWPAYMENTS_API_KEY', secret: true, description: 'NOWPayments API key', schema: secretText(8) },
  { name: 'NOWPAYMENTS_IPN_SECRET', secret: true, description: 'NOWPayments IPN secret that signs webhooks', schema: secretText(8) },
  { name: 'NOWPAYMENTS_IPN_SECRET_PREVIOUS', secret: true, description: 'The IPN secret before a rotation, also accepted until it is removed', schema: secretText(8) },
  { name: 'PAYGATE_OPERATOR_KEY', secret: true, description: 'Bearer key for operator/admin endpoints and CLI', schema: secretText(16) },
  { name: 'TELEGRAM_BOT_TOKEN', secret: true, description: 'Telegram Bot API token from @BotFather (live mode only; required there)', schema: matching(/^\d+:[\w-]{20,}$/, 'a bot token like 123456:ABC-DEF… from @BotFather') },
  { name: 'TELEGRAM_API_URL', secret: false, description: 'Telegram Bot API base URL, e.g. a self-hosted Bot API server (live mode only). Unset: https://api.telegram.org', schema: urlWith(['http:', 'https:']) },
  {
    name: 'TELEGRAM_MESSAGES_PER_SECOND',
    default: '30',
    secret: false,
    description: "The bot's outgoing message budget per process: access messages first, then reminders, then owner notices (Telegram allows about 30)",
    schema: integerIn(1, 1_000),
  },
  {
    name: 'PAYGATE_SANDBOX_EXPOSE',
    default: 'false',
    secret: false,
    description: 'Sandbox mode only: true lets HOST be a non-loopback address (e.g. in a container). Sandbox control routes still answer loopback callers only',
    schema: oneOf(['true', 'false'] as const),
  },
  { name: 'PAYOUT_WALLET_HOLD_HOURS', default: '48', secret: false, description: 'Hours a changed payout wallet stays pending (the owner can cancel it) before payouts use it', schema: integerIn(0, 720) },
  {
    name: 'CHANGENOW_API_URL',
    secret: false,
    description: 'ChangeNOW API base URL (live mode only). Unset: https://api.changenow.io',
    schema: urlWith(['http:', 'https:']),
  },
  { name: 'CHANGENOW_API_KEY', secret: true, description: 'ChangeNOW API key (header x-changenow-api-key) for the swaps that pay owners in their currency (live mode only; required there)', schema: secretText(8) },
  {
    name: 'ETHEREUM_RPC_URL',
    secret: true,
    description: "JSON-RPC URL of an Ethereum node the host wallet signs and broadcasts payouts through (live mode only; required there). It may carry a provider's key, so it is secret",
    schema: urlWith(['http:', 'https:']),
  },
  {
    name: 'HOST_WALLET_PRIVATE_KEY',
    secret: true,
    description: 'Private key of the platform\'s hot wallet, which NOWPayments settles into and payouts leave from: 64 hex digits (live mode only; required there). Prefer HOST_WALLET_PRIVATE_KEY_FILE',
    schema: matching(/^(0x)?[0-9a-fA-F]{64}$/, '64 hex digits, optionally after 0x'),
  },
  {
    name: 'HOST_WALLET_CURRENCIES',
    default: 'USDTERC20,ETH',
    secret: false,
    description: 'Currencies the host wallet holds and pays out from (money registry codes on Ethereum): what NOWPayments settles into',
    schema: matching(/^(ETH|USDTERC20|USDCERC20)(,(ETH|USDTERC20|USDCERC20))*$/, 'comma-separated codes from ETH, USDTERC20, USDCERC20'),
  },
  { name: 'PAYOUT_CONFIRMATIONS', default: '3', secret: false, description: 'Blocks on top of a payout transfer before it counts as done (reorg safety)', schema: integerIn(1, 100) },
  {
    name: 'PAYOUT_MAX_SLIPPAGE_BPS',
    default: '200',
    secret: false,
    description: "How far (basis points) a fixed-rate quote may be below ChangeNOW's market estimate; a worse quote holds the payout for an operator",
    schema: integerIn(0, 5_000),
  },
  {
    name: 'MICROBATCH_MIN_USD',
    default: '25',
    secret: false,
    description: "Threshold owners' shares settled in a coin that is no stable coin (ETH) are pooled and converted into the host wallet's stable coin together once the pool is worth this many whole USD",
    schema: integerIn(1, 1_000_000),
  },
  { name: 'PAYOUT_REPLACE_AFTER_SECONDS', default: '180', secret: false, description: 'A payout transfer not mined after this long is replaced with the same nonce at a higher fee', schema: integerIn(5, 86_400) },
  {
    name: 'EXPLORER_TX_URL',
    secret: false,
    description: 'Link to a transaction in owner notices, `{hash}` replaced by its hash, e.g. https://etherscan.io/tx/{hash}. Unset: the hash alone',
    schema: matching(/^https?:\/\/\S*\{hash\}\S*$/, 'an http(s) URL containing {hash}'),
  },
  {
    name: 'PAYGATE_SANDBOX_CHAIN_URL',
    secret: false,
    description: 'Sandbox mode only: a local Ethereum node (loopback) to use instead of launching anvil',
    schema: urlWith(['http:']),
  },
  {
    name: 'PAYGATE_SANDBOX_CHANGENOW_URL',
    secret: false,
    description: 'Sandbox mode only: a running ChangeNOW simulator (loopback) to use instead of starting one',
    schema: urlWith(['http:']),
  },
  {
    name: 'DATABASE_OWNER_URL',
    secret: true,
    description: 'PostgreSQL URL of the schema owner role, used for migrations (`paygate migrate`, and `paygate start` before it connects as DATABASE_URL\'s app role). Unset: DATABASE_URL migrates',
    schema: urlWith(['postgres:', 'postgresql:']),
  },
  { name: 'DATABASE_STATEMENT_TIMEOUT_MS', default: '30000', secret: false, description: 'statement_timeout of the app role\'s connections, in milliseconds', schema: integerIn(100, 3_600_000) },
  {
    name: 'PAYGATE_TRUSTED_PROXIES',
    secret: false,
    description: 'Comma-separated IP addresses of reverse proxies whose X-Forwarded-For names the client (rate limits and lockouts count that client). Unset: the socket peer is the client',
    schema: matching(/^[0-9A-Fa-f:.]+(,[0-9A-Fa-f:.]+)*$/, 'comma-separated IP addresses, e.g. 10.0.0.5,10.0.0.6'),
  },
  {
    name: 'DASHBOARD_SIGNING_KEY',
    secret: true,
    description: 'Ed25519 private key (PKCS#8 PEM) that signs dashboard access tokens; its kid is its JWK thumbprint. Prefer DASHBOARD_SIGNING_KEY_FILE. Unset: sandbox mode keeps a generated key in PAYGATE_DATA_DIR; live mode turns dashboard logins off',
    schema: matching(/-----BEGIN PRIVATE KEY-----/, 'a PKCS#8 PEM private key'),
  },
  {
    name: 'DASHBOARD_PREVIOUS_PUBLIC_KEYS',
    // Not a secret, but PEM text reads best from a file, and only secret variables take `_FILE`.
    secret: true,
    description: 'Rotation: public keys (SPKI PEM, concatenated) of signing keys retired less than 16 minutes ago, whose tokens are still honoured. Prefer DASHBOARD_PREVIOUS_PUBLIC_KEYS_FILE',
    schema: matching(/-----BEGIN PUBLIC KEY-----/, 'SPKI PEM public keys'),
  },
  { name: 'DASHBOARD_ORIGINS', secret: false, description: 'Comma-separated browser origins allowed to call the API cross-origin (CORS with credentials). Unset: none; the dashboard itself is same-origin', schema: urlListWith(['http:', 'https:']) },
  { name: 'DASHBOARD_ADMIN_IDS', secret: false, description: 'Comma-separated Telegram user ids who log in to the dashboard as admin (everything, read-only)', schema: matching(/^[1-9]\d{0,19}(,[1-9]\d{0,19})*$/, 'comma-separated Telegram user ids') },
  { name: 'DASHBOARD_AUDITOR_IDS', secret: false, description: 'Comma-separated Telegram user ids who log in as auditor (everything read-only, plus event trails)', schema: matching(/^[1-9]\d{0,19}(,[1-9]\d{0,19})*$/, 'comma-separated Telegram user ids') },
  { name: 'DASHBOARD_SESSION_DAYS', default: '30', secret: false, description: 'How long a dashboard login lasts without use: each refresh rotates the refresh token and renews it for this many days', schema: integerIn(1, 365) },
  { name: 'RATE_LIMIT_API_PER_MINUTE', default: '120', secret: false, description: 'Read API requests per minute, per client IP and per key (429 with Retry-After beyond)', schema: integerIn(1, 1_000_000) },
  { name: 'RATE_LIMIT_WEBHOOK_PER_MINUTE', default: '6000', secret: false, description: 'Telegram webhook requests per minute, per client IP', schema: integerIn(1, 1_000_000) },
  { name: 'RATE_LIMIT_INVOICES_PER_MINUTE', default: '30', secret: false, description: 'Invoices the bot may create per minute across all users (protects the NOWPayments quota)', schema: integerIn(1, 1_000_000) },
] as const satisfies readonly Variable[];

export type VariableName = (typeof CONFIG_VARIABLES)[number]['name'];

/** Names of the variables whose values are secret (also accepted as `<NAME>_FILE`). */
export const SECRET_KEYS: readonly VariableName[] = CONFIG_VARIABLES.filter((variable) => variable.secret).map(
  (variable) => variable.name,
);

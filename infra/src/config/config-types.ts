import type { LOG_FORMAT_NAMES, LOG_LEVELS } from './variables.ts';
import type { Mode } from './mode-rules.ts';

// The validated configuration as the rest of PayGate reads it (load-config.ts builds it).

export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormatName = (typeof LOG_FORMAT_NAMES)[number];

export type Config = {
  /** sandbox: simulators on loopback, no live credential. live: real gateways only. They never mix. */
  mode: Mode;
  /** Sandbox mode only: HOST may be a non-loopback address. */
  sandboxExposed: boolean;
  port: number;
  /** Unset: /metrics is served on `port` behind the operator key (docs/observability.md). */
  metricsPort?: number;
  /** Where the METRICS_PORT server binds: loopback by default, since it asks for no key. */
  metricsHost: string;
  host: string;
  logLevel: LogLevel;
  /** Unset: decided by whether the log goes to a terminal (see logFormatFor). */
  logFormat?: LogFormatName;
  /** Unset: embedded PostgreSQL under `dataDir`. */
  databaseUrl?: string;
  /** Unset: the in-process broker. */
  natsUrl?: string;
  /** Set: KurrentDB event store; unset: PostgreSQL event store. */
  eventStoreUrl?: string;
  natsStream: string;
  /** Events go to `<natsSubjectPrefix>.<category>.<type>`. */
  natsSubjectPrefix: string;
  /** Always set: PAYGATE_PUBLIC_URL, else http://localhost:<port>. */
  publicUrl: string;
  /** PAYGATE_PUBLIC_URL was given; otherwise the api role's actual address replaces the default. */
  publicUrlConfigured: boolean;
  dataDir: string;
  platformFeeBps: number;
  /** Subscription lifecycle: removal grace and renewal reminders. */
  subscriptions: { graceSeconds: number; reminderDays: readonly number[] };
  /** IPN_RECONCILE_AFTER_MINUTES: the lost-IPN reconciler asks NOWPayments about what waited this long. */
  ipnReconcileAfterMinutes: number;
  /** Broadcasts: the send-now cooldown per channel and how often the scheduler looks for due ones. */
  broadcasts: { sendNowCooldownSeconds: number; checkIntervalMs: number };
  /** Live mode: all three set (apiUrl defaults to NOWPayments' own). Sandbox mode: all unset. */
  nowpayments: { apiUrl?: string; apiKey?: string; ipnSecret?: string; previousIpnSecret?: string };
  operatorKey?: string;
  /** Live mode: set. Sandbox mode: unset (the simulator's public token is used). */
  telegramBotToken?: string;
  /** Live mode: the Bot API base URL (default api.telegram.org). Sandbox mode: unset. */
  telegramApiUrl?: string;
  /** Messages a second the process sends to Telegram, shared by the bot and the process managers. */
  telegramMessagesPerSecond: number;
  /** Schema owner's URL for migrations; unset: DATABASE_URL migrates. */
  databaseOwnerUrl?: string;
  /** statement_timeout of the app's PostgreSQL connections. */
  databaseStatementTimeoutMs: number;
  /** How long a new payout wallet stays pending before payouts use it. */
  payoutWalletHoldSeconds: number;
  /** The owners' dashboard: token keys (PEM), CORS origins, who logs in as admin or auditor, session length. */
  dashboard: DashboardConfig;
  rateLimits: { apiPerMinute: number; webhookPerMinute: number; invoicesPerMinute: number };
  /** Paying owners: the host wallet, the chain, ChangeNOW and the pipeline's rules. */
  payouts: PayoutConfig;
  /** Reverse proxies trusted to name the client in X-Forwarded-For; empty: the socket peer is the client. */
  trustedProxies: readonly string[];
};

export type PayoutConfig = {
  /** Live: the ChangeNOW API (default api.changenow.io). Sandbox: unset. */
  changenowApiUrl?: string;
  changenowApiKey?: string;
  /** Live: the node the host wallet uses. Sandbox: unset (anvil, or PAYGATE_SANDBOX_CHAIN_URL). */
  ethereumRpcUrl?: string;
  hostWalletPrivateKey?: string;
  hostWalletCurrencies: readonly string[];
  confirmations: number;
  maxSlippageBps: number;
  replaceAfterSeconds: number;
  /** MICROBATCH_MIN_USD, whole dollars. */
  microbatchMinUsd: number;
  explorerTxUrl?: string;
  /** Sandbox: a running local node / simulator to use instead of starting one. */
  sandboxChainUrl?: string;
  sandboxChangenowUrl?: string;
};

export type DashboardConfig = {
  /** DASHBOARD_SIGNING_KEY(_FILE): Ed25519 PKCS#8 PEM; unset: a sandbox key in the data dir, or logins off (live). */
  signingKeyPem: string | undefined;
  /** DASHBOARD_PREVIOUS_PUBLIC_KEYS(_FILE): retired keys whose tokens are still honoured. */
  previousPublicKeysPem: string | undefined;
  origins: string[];
  adminIds: string[];
  auditorIds: string[];
  sessionSeconds: number;
};

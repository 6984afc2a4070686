import { Bot, BotError, type ApiClientOptions } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { sequentialize } from '@grammyjs/runner';
import { withTranslator, type BotContext } from './context.ts';
import type { BlockedChatsPort, BotLogger, BotQueries, BroadcastPort, ChannelPort, DashboardLinkPort, DonationPort, InvoicePort, AccessPort, OwnerBalancesPort, PayoutSettingsPort } from './deps.ts';
import { awaitingInput, type InputHandler, type PendingInputPort } from './conversation/index.ts';
import { broadcastInputHandlers, broadcasts } from './broadcast/index.ts';
import { donationAmountInput, donations } from './donation/index.ts';
import { createUpdateProcessor, type ProcessUpdate, type UpdateLedger } from './dedup/index.ts';
import { replyOnError } from './errors/reply-on-error.ts';
import { createApiGuard, type ApiGuardOptions } from './outbound/index.ts';
import { createChatAdmins, ownerSetup } from './owner-setup/index.ts';
import { createRateLimiter, DEFAULT_RATE_LIMITS, type BotRateLimits } from './rate-limit/index.ts';
import type { BotServices } from './services.ts';
import { subscriber } from './subscriber/index.ts';
import { membership } from './membership.ts';
import { BOT_MENU_COMMANDS, botText } from './messages/index.ts';
import { DEFAULT_LOCALE, SUPPORTED_LOCALES } from '@paygate/domain';

/** Everything the bot is built from; the composition root (infra) fills it in. */
export type BotDeps = {
  channels: ChannelPort;
  invoices: InvoicePort;
  queries: BotQueries;
  /** Absent: /wallet and /payout say they are not available yet. */
  payoutSettings?: PayoutSettingsPort;
  /** Absent: /balance says it is not available yet. */
  balances?: OwnerBalancesPort;
  /** Absent: /dashboard says the web dashboard is not available here. */
  dashboard?: DashboardLinkPort;
  /** A block explorer's transaction page with `{hash}` in it, e.g. https://polygonscan.com/tx/{hash}; absent: payout hashes are shown shortened. */
  explorerTxUrl?: string;
  /** Absent: join requests are not asked for (allowed_updates) and joins are not handled. */
  access?: AccessPort;
  blockedChats?: BlockedChatsPort;
  /** Absent: donations are not offered (/donations says so). */
  donations?: DonationPort;
  /** Absent: broadcasts are not offered (/broadcast says so). */
  broadcasts?: BroadcastPort;
  /** Where questions the bot asked wait for their answer; absent: features that ask questions say they are not available. */
  pendingInputs?: PendingInputPort;
  ledger: UpdateLedger;
  clock: () => Date;
  logger: BotLogger;
};

export type CreatePayGateBotOptions = {
  token: string;
  /**
   * Bot API base URL (default https://api.telegram.org). A function is read on every call: the
   * sandbox's address may only be known once the api role listens.
   */
  apiRoot?: string | (() => string);
  /** Skips getMe (tests, or a sandbox whose bot is known). */
  botInfo?: UserFromGetMe;
  rateLimits?: Partial<BotRateLimits>;
  api?: Pick<ApiGuardOptions, 'maxRetries' | 'maxRetryAfterSeconds' | 'perSecond' | 'pacing' | 'sleep'>;
  /** Per-call timeout towards the Bot API; long polls add their own 30 s. Default 40 s. */
  timeoutSeconds?: number;
  /** Extra fetch settings, e.g. an agent without keep-alive towards a sandbox served by a server that shuts down first. */
  baseFetchConfig?: ApiClientOptions['baseFetchConfig'];
};

export type PayGateBot = {
  bot: Bot<BotContext>;
  /**
   * getMe, once; needed before updates are handled (the bot's id keys the update ledger).
   * grammY retries network failures and 5xx until it succeeds or `signal` aborts; a refused
   * token (401) fails at once.
   */
  init(signal?: AbortSignal): Promise<void>;
  /** Dedups, then handles one update: the single entry for polling and webhook alike. */
  processUpdate: ProcessUpdate;
  /** Publishes the command menu (setMyCommands) in every supported language. */
  publishCommands(): Promise<void>;
  /** The update types the bot handles: pass to getUpdates / setWebhook. */
  allowedUpdates: readonly ('message' | 'callback_query' | 'my_chat_member' | 'chat_member' | 'chat_join_request')[];
};

const rootOf = (apiRoot: CreatePayGateBotOptions['apiRoot']) =>
  typeof apiRoot === 'function' ? apiRoot : () => (apiRoot ?? 'https://api.telegram.org');

/** The PayGate bot: owner setup, subscriber purchases, join requests — wiring only, no I/O of its own. */
export const createPayGateBot = (deps: BotDeps, options: CreatePayGateBotOptions): PayGateBot => {
  const { logger, clock } = deps;
  const root = rootOf(options.apiRoot);
  const bot = new Bot<BotContext>(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: {
      // grammY picks its keep-alive agent (http or https) from apiRoot; the URL itself is built per call.
      apiRoot: root(),
      // Read per call, trailing slashes dropped: `<root>/bot<token>/<method>` like grammY's own.
      buildUrl: (_root, token, method) => `${root().replace(/\/+$/, '')}/bot${token}/${method}`,
      timeoutSeconds: options.timeoutSeconds ?? 40,
      ...(options.baseFetchConfig ? { baseFetchConfig: options.baseFetchConfig } : {}),
    },
  });
  bot.api.config.use(createApiGuard({ logger, clock, ...(deps.blockedChats ? { blockedChats: deps.blockedChats } : {}), ...options.api }));

  const limits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  const services: BotServices = {
    deps,
    logger,
    clock,
    admins: createChatAdmins(() => bot.api, clock),
    limits: { invoices: createRateLimiter(limits.invoices, clock), ownerActions: createRateLimiter(limits.ownerActions, clock) },
    botUsername: () => bot.botInfo.username,
    botId: () => bot.botInfo.id,
  };

  bot.use(withTranslator);
  // One update at a time per chat: a double tap cannot race itself; different users run in parallel.
  bot.use(sequentialize((ctx: BotContext) => (ctx.chat?.id ?? ctx.from?.id)?.toString()));
  // A private message answering a question the bot asked (an amount, a broadcast's text) goes to the feature that asked.
  const inputHandlers: Record<string, InputHandler> = { ...donationAmountInput(services) };
  Object.assign(inputHandlers, broadcastInputHandlers(services));
  bot.use(awaitingInput(deps.pendingInputs, inputHandlers, clock));
  bot.use(membership(services));
  bot.use(ownerSetup(services));
  bot.use(broadcasts(services));
  bot.use(donations(services));
  bot.use(subscriber(services));
  // A button this bot no longer understands (an old menu): stop its spinner, nothing else.
  bot.on('callback_query', (ctx) => ctx.answerCallbackQuery().catch(() => undefined));
  bot.chatType('private').on('message', (ctx) => ctx.reply(ctx.t('welcome', ctx.from.first_name ? { firstName: ctx.from.first_name } : {})));
  const onError = replyOnError(logger);
  bot.catch(onError);

  let initialising: Promise<void> | undefined;
  const init = (signal?: AbortSignal) =>
    (initialising ??= bot.init(signal as Parameters<typeof bot.init>[0]).catch((error: unknown) => {
      initialising = undefined;
      throw error;
    }));

  const processUpdate = createUpdateProcessor({
    ledger: deps.ledger,
    botId: () => bot.botInfo.id,
    handle: async (update) => {
      await init();
      try {
        await bot.handleUpdate(update);
      } catch (error) {
        // handleUpdate leaves errors to the caller (grammY's own loops call the error handler): the user gets an answer.
        if (!(error instanceof BotError)) throw error;
        await onError(error as BotError<BotContext>);
      }
    },
    logger,
  });

  // chat_member always: a channel owner losing (or regaining) admin rights holds (or resumes) payouts.
  const allowedUpdates = ['message', 'callback_query', 'my_chat_member', 'chat_member', ...(deps.access ? (['chat_join_request'] as const) : [])] as const;
  const publishCommands = async () => {
    for (const locale of SUPPORTED_LOCALES) {
      const commands = BOT_MENU_COMMANDS.map((command) => ({ command, description: botText(locale, 'commandDescription', { command }) }));
      await bot.api.setMyCommands(commands, locale === DEFAULT_LOCALE ? {} : { language_code: locale as never });
    }
  };
  return { bot, init, processUpdate: async (update) => (await init(), processUpdate(update)), publishCommands, allowedUpdates };
};

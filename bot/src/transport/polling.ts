import { createConcurrentSink, createRunner, createSource, createUpdateFetcher } from '@grammyjs/runner';
import { GrammyError } from 'grammy';
import type { Update } from 'grammy/types';
import type { BotLogger } from '../deps.ts';
import type { PayGateBot } from '../create-bot.ts';

export type RunningPolling = {
  /** Stops fetching, lets in-flight updates finish. */
  stop(): Promise<void>;
  isRunning(): boolean;
};

export type PollingOptions = {
  logger: BotLogger;
  /** Updates handled at once (across chats; one chat is always sequential). Default 50. */
  concurrency?: number;
  /** How long getUpdates keeps retrying an unreachable Telegram before polling stops. Default 15 h (the runner's). */
  maxRetryTimeMs?: number;
  /** Called when polling stops on its own (401 revoked token, 409 another poller or a webhook). */
  onFatal?: (error: unknown) => void;
  /** Aborts the start (getMe retries while Telegram is unreachable). */
  signal?: AbortSignal;
  /** Long-poll timeout of getUpdates. Default 30 s; a local sandbox uses a short one so a closing server is not held open. */
  pollTimeoutSeconds?: number;
};

/**
 * Long polling with grammY's runner: getUpdates in the background, updates handled concurrently
 * through the dedup path. The webhook is deleted first (Telegram refuses getUpdates while one is
 * set). A handler error is logged and never stops polling; an update the ledger could not claim
 * is logged and skipped (its user can repeat the action).
 */
export const startPolling = async (paygate: PayGateBot, options: PollingOptions): Promise<RunningPolling> => {
  const { bot, processUpdate, allowedUpdates } = paygate;
  const { logger } = options;
  await paygate.init(options.signal);
  await bot.api.deleteWebhook(undefined, options.signal as Parameters<typeof bot.api.deleteWebhook>[1]);
  const fetchUpdates = createUpdateFetcher(bot, {
    fetch: { allowed_updates: [...allowedUpdates], timeout: options.pollTimeoutSeconds ?? 30 },
    silent: true,
    ...(options.maxRetryTimeMs === undefined ? {} : { maxRetryTime: options.maxRetryTimeMs }),
  });
  const source = createSource<Update>({ supply: (batchSize, signal) => fetchUpdates(batchSize, signal) });
  const sink = createConcurrentSink<Update>(
    { consume: async (update) => void (await processUpdate(update)) },
    async (error) => logger.error({ err: error }, 'telegram update failed'),
    { concurrency: options.concurrency ?? 50 },
  );
  const runner = createRunner(source, sink);
  runner.start();
  runner.task()?.catch((error: unknown) => {
    logger.error({ err: error }, 'telegram polling stopped');
    options.onFatal?.(error);
  });
  logger.debug({ username: bot.botInfo.username, allowedUpdates }, 'telegram bot polling');
  return {
    stop: async () => {
      if (runner.isRunning()) await runner.stop();
    },
    isRunning: () => runner.isRunning(),
  };
};

/** Points Telegram at the webhook with its secret token and the update types the bot handles. */
export const setWebhook = async (paygate: PayGateBot, input: { url: string; secretToken: string }): Promise<void> => {
  await paygate.init();
  await paygate.bot.api.setWebhook(input.url, { secret_token: input.secretToken, allowed_updates: [...paygate.allowedUpdates] });
};

/** The Bot API error code of a failed call (401 bad token, 409 another poller…), if it was one. */
export const telegramErrorCode = (error: unknown): number | undefined => (error instanceof GrammyError ? error.error_code : undefined);

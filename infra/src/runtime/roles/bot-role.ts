import { startPolling, setWebhook, telegramErrorCode, type RunningPolling } from '@paygate/bot';
import { PayGateError } from '@paygate/domain';
import type { BotSetup } from '../../bot/bot-setup.ts';
import type { Logger } from '../../logging/index.ts';
import type { Role } from '../role.ts';

const HOUR_MS = 3_600_000;
/** How long a live bot may take to reach Telegram at start before the role fails. */
const LIVE_START_TIMEOUT_MS = 30_000;

/** A start failure the operator can act on, naming the variable and never the token. */
const startError = (error: unknown): unknown => {
  if (telegramErrorCode(error) === 401) {
    return new PayGateError('unauthorized', 'Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized): check the token from @BotFather');
  }
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new PayGateError('unavailable', `Telegram did not answer within ${LIVE_START_TIMEOUT_MS / 1000} s (getMe)`, {}, { cause: error });
  }
  return error;
};

export type BotRoleDeps = { logger: Logger; setup: BotSetup };

/**
 * The Telegram bot. Polling (default): the grammY runner fetches updates. Webhook (a live token
 * and an https PAYGATE_PUBLIC_URL): the role points Telegram at `/webhooks/telegram`, which the
 * api role serves. Against the sandbox, which the api role serves and which starts after this
 * role, polling begins in the background as soon as the sandbox answers.
 */
export const createBotRole = ({ logger: parent, setup }: BotRoleDeps): Role => {
  const logger = parent.child({ role: 'bot' });
  let polling: RunningPolling | undefined;
  let stopped = false;
  let background: Promise<void> | undefined;
  let aborter = new AbortController();
  let pruner: NodeJS.Timeout | undefined;

  const pollWhenReachable = async () => {
    for (let delay = 200; !stopped; delay = Math.min(delay * 2, 5_000)) {
      try {
        // Short polls: a 30 s poll would hold the sandbox's server (the api role, stopped after the bot) open while it drains.
        const running = await startPolling(setup.paygate, { logger, signal: aborter.signal, pollTimeoutSeconds: 1 });
        if (stopped) return void (await running.stop());
        polling = running;
        return;
      } catch (error) {
        if (stopped) return;
        logger.debug({ err: error, retryInMs: delay }, 'Telegram sandbox not reachable yet');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };

  return {
    name: 'bot',
    async start() {
      stopped = false;
      aborter = new AbortController();
      await setup.ready();
      pruner = setInterval(() => {
        setup.ledger.prune().catch((error: unknown) => logger.warn({ err: error }, 'pruning the update ledger failed'));
      }, HOUR_MS);
      pruner.unref();
      if (setup.telegram.mode === 'sandbox' && setup.transport === 'polling') {
        background = pollWhenReachable();
        return;
      }
      const signal = AbortSignal.any([aborter.signal, AbortSignal.timeout(LIVE_START_TIMEOUT_MS)]);
      try {
        if (setup.transport === 'webhook') {
          await setup.paygate.init(signal);
          await setWebhook(setup.paygate, { url: setup.webhookUrl!, secretToken: setup.secretToken });
          logger.info({ url: setup.webhookUrl, username: setup.paygate.bot.botInfo.username }, 'telegram webhook set');
        } else {
          polling = await startPolling(setup.paygate, { logger, signal });
        }
      } catch (error) {
        clearInterval(pruner);
        throw startError(error);
      }
      // The command menu in Telegram's clients; the sandbox does not simulate it.
      await setup.paygate.publishCommands().catch((error: unknown) => logger.warn({ err: error }, 'publishing the command menu failed'));
    },
    async stop() {
      stopped = true;
      aborter.abort();
      clearInterval(pruner);
      await background;
      await polling?.stop();
      polling = undefined;
    },
  };
};

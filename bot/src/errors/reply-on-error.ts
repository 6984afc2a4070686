import { randomUUID } from 'node:crypto';
import { GrammyError, HttpError, type BotError } from 'grammy';
import { isPayGateError } from '@paygate/domain';
import type { BotContext } from '../context.ts';
import type { BotLogger } from '../deps.ts';
import { logUndelivered } from './log-undelivered.ts';

/**
 * The bot's one error boundary: a handler that throws leaves the user an answer they can act
 * on — what was wrong with their input, or "try again" with a reference the logs carry — and
 * never a stack trace or an internal message. Only private chats are answered.
 */
export const replyOnError =
  (logger: BotLogger) =>
  async ({ error, ctx }: BotError<BotContext>): Promise<void> => {
    const updateId = ctx.update.update_id;
    let text: string;
    if (isPayGateError(error) && ['validation', 'not_found', 'conflict', 'forbidden'].includes(error.kind)) {
      logger.info({ updateId, kind: error.kind, reason: error.message }, 'bot action refused');
      text = ctx.t('invalidInput', { reason: error.message });
    } else if (isPayGateError(error) && error.kind === 'rate_limited') {
      const seconds = Number(error.details.retryAfterSeconds ?? 60);
      text = ctx.t('rateLimited', { retryAfterSeconds: Number.isFinite(seconds) ? seconds : 60 });
    } else if ((isPayGateError(error) && error.kind === 'unavailable') || error instanceof HttpError) {
      logger.warn({ updateId, err: error }, 'bot action failed: a dependency is unavailable');
      text = ctx.t('serviceUnavailable', {});
    } else {
      const errorId = randomUUID().slice(0, 8);
      logger.error({ updateId, errorId, err: error, telegram: error instanceof GrammyError ? error.description : undefined }, 'bot handler failed');
      text = ctx.t('somethingWentWrong', { errorId });
    }
    if (ctx.chat?.type !== 'private') return;
    await ctx.reply(text).catch((replyError: unknown) => logUndelivered(logger, { updateId }, replyError, 'could not tell the user about an error'));
  };

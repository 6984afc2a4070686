import type { Transformer } from 'grammy';
import type { BlockedChatsPort, BotLogger } from '../deps.ts';
import { createPacer, sleep as defaultSleep } from './pacer.ts';

/**
 * Pacing from outside: the process's one Telegram queue (global budget, per-chat pace, and
 * priorities shared with the process managers' calls). `wait` resolves when the call may be
 * sent; `penalize` pushes the chat's slots past a 429's retry_after.
 */
export type OutboundPacing = {
  wait(method: string, payload: Readonly<Record<string, unknown>>, signal?: AbortSignal): Promise<void>;
  penalize?(method: string, payload: Readonly<Record<string, unknown>>, untilMs: number): void;
};

export type ApiGuardOptions = {
  logger: BotLogger;
  blockedChats?: BlockedChatsPort;
  clock: () => Date;
  /** Retries after a 429 before the error goes back to the caller. Default 3. */
  maxRetries?: number;
  /** A 429 asking for a longer wait is not waited out here (the caller gets the error). Default 60 s. */
  maxRetryAfterSeconds?: number;
  /** Calls a second across the bot when no `pacing` is given. Default 25 (Telegram allows about 30). */
  perSecond?: number;
  pacing?: OutboundPacing;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
};

/** getUpdates is paced and retried by the runner itself (and long-polls, so it must not queue behind sends). */
const UNGUARDED = new Set(['getUpdates']);

const chatIdOf = (payload: unknown): string | undefined => {
  const chatId = typeof payload === 'object' && payload !== null ? (payload as { chat_id?: unknown }).chat_id : undefined;
  return typeof chatId === 'number' || typeof chatId === 'string' ? String(chatId) : undefined;
};

/**
 * The grammY API transformer around every outgoing Bot API call: paces calls, honours 429
 * `retry_after` (bounded retries, then the error is returned), and records a chat that answered
 * 403 (the user blocked the bot, deactivated, never started it) without retrying — a blocked
 * user is not asked again and again.
 */
export const createApiGuard = (options: ApiGuardOptions): Transformer => {
  const { logger, blockedChats, clock, maxRetries = 3, maxRetryAfterSeconds = 60 } = options;
  const sleep = options.sleep ?? defaultSleep;
  const pacer = createPacer(options.perSecond ?? 25);
  const { pacing } = options;
  const wait = (method: string, payload: Readonly<Record<string, unknown>>, signal: AbortSignal | undefined) =>
    pacing ? pacing.wait(method, payload, signal) : pacer.wait(signal);

  return async (prev, method, payload, grammySignal) => {
    // grammY types its signal with a polyfill's AbortSignal; at run time it is the platform's.
    const signal = grammySignal as AbortSignal | undefined;
    if (UNGUARDED.has(method)) {
      // The runner retries these quietly; the log still shows that Telegram is unreachable.
      try {
        const response = await prev(method, payload, grammySignal);
        if (!response.ok) logger.warn({ method, errorCode: response.error_code, description: response.description }, 'Telegram refused getUpdates');
        return response;
      } catch (error) {
        if (!signal?.aborted) logger.warn({ method, err: error }, 'Telegram unreachable');
        throw error;
      }
    }
    for (let attempt = 0; ; attempt++) {
      const params = (payload ?? {}) as Readonly<Record<string, unknown>>;
      await wait(method, params, signal);
      const response = await prev(method, payload, grammySignal);
      if (response.ok) return response;
      if (response.error_code === 429) {
        const retryAfter = response.parameters?.retry_after ?? 1;
        if (attempt < maxRetries && retryAfter <= maxRetryAfterSeconds && !signal?.aborted) {
          logger.warn({ method, retryAfterSeconds: retryAfter, attempt: attempt + 1 }, 'Telegram asked to slow down (429); waiting');
          pacing?.penalize?.(method, params, Date.now() + retryAfter * 1000);
          await sleep(retryAfter * 1000, signal);
          continue;
        }
        logger.error({ method, retryAfterSeconds: retryAfter, attempts: attempt + 1 }, 'Telegram still rate-limits the call (429); giving up');
        return response;
      }
      const chatId = chatIdOf(payload);
      if (response.error_code === 403 && chatId !== undefined) {
        const reason = response.description.replace(/^Forbidden:\s*/, '');
        logger.info({ method, chatId, reason }, 'Telegram refused the chat (403); recorded, not retried');
        await blockedChats
          ?.blocked({ chatId, reason, at: clock().toISOString() })
          .catch((error: unknown) => logger.error({ chatId, err: error }, 'recording a blocked chat failed'));
      }
      return response;
    }
  };
};

import { isAnticipatedError } from '@paygate/domain';

export type ProcessManagerLogger = {
  info(object: Record<string, unknown>, message: string): void;
  warn(object: Record<string, unknown>, message: string): void;
};

export type FailedDelivery = { manager: string; eventId: string; eventType: string; delivery: number; maxDeliver: number };

/**
 * How a failed delivery is logged. An anticipated refusal (a chat Telegram does not know, a rate
 * limit, another worker holding the claim) is routine while the broker still retries: info, its
 * message only. When the last delivery fails too, the event is dead-lettered and something was
 * not done: warn. An unexpected error is a warn with its stack every time.
 */
export const logFailedDelivery = (logger: ProcessManagerLogger | undefined, failed: FailedDelivery, error: unknown): void => {
  const { maxDeliver, ...context } = failed;
  const last = failed.delivery >= maxDeliver;
  const outcome = last ? `gave up after ${maxDeliver} deliveries; the event is dead-lettered` : 'the broker will redeliver';
  if (!isAnticipatedError(error)) return logger?.warn({ ...context, err: error }, `process manager failed; ${outcome}`);
  const reason = (error as Error).message;
  if (last) logger?.warn({ ...context, reason }, `process manager failed; ${outcome}`);
  else logger?.info({ ...context, reason }, `process manager deferred the event; ${outcome}`);
};

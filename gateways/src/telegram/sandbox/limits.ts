/**
 * How much the Telegram sandbox remembers. In `--sandbox` mode it runs for as long as PayGate
 * does, the bot polls it every second and any client can drive the control API, so every log
 * and queue is capped and the oldest entries go first. Telegram itself forgets too: undelivered
 * updates are dropped after 24 hours, and a message too old to find cannot be edited.
 */
export type TelegramSandboxLimits = {
  /** Message history kept per chat (a forgotten message can no longer be edited or pressed). */
  readonly messagesPerChat: number;
  /** Updates waiting for getUpdates or the webhook. */
  readonly pendingUpdates: number;
  /** The Bot API call log (inspection `calls()`). */
  readonly callLog: number;
  readonly webhookDeliveries: number;
  readonly callbackAnswers: number;
};

export const DEFAULT_TELEGRAM_SANDBOX_LIMITS: TelegramSandboxLimits = {
  messagesPerChat: 1_000,
  pendingUpdates: 10_000,
  callLog: 10_000,
  webhookDeliveries: 10_000,
  callbackAnswers: 1_000,
};

/** Appends, then drops the oldest items in place (the array is shared by reference) beyond `max`. */
export const pushCapped = <T>(items: T[], item: T, max: number): void => {
  items.push(item);
  if (items.length > max) items.splice(0, items.length - max);
};

export * from './client.ts';
export { callBotApi, redactToken, type BotApiCallContext, type FetchLike as TelegramFetch } from './bot-api-call.ts';
export { mapBotApiError, type BotApiFailure } from './error-mapping.ts';
export { createThrottle, throttleKeyFor, DEFAULT_THROTTLE_LIMITS, type Throttle, type ThrottleKey, type ThrottleLimits } from './throttle.ts';
export { createThrottleQueue, TELEGRAM_PRIORITIES, type TelegramPriority, type ThrottleQueue, type ThrottleQueueOptions } from './throttle-queue.ts';

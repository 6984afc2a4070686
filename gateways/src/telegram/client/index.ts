export * from './client.ts';
export { callBotApi, redactToken, type BotApiCallContext, type FetchLike as TelegramFetch } from './bot-api-call.ts';
export { mapBotApiError, type BotApiFailure } from './error-mapping.ts';
export { createThrottle, throttleKeyFor, DEFAULT_THROTTLE_LIMITS, type Throttle, type ThrottleKey, type ThrottleLimits } from './throttle.ts';

// The role factories; the composition root (compose-paygate.ts) builds each from its dependencies.
export { createApiRole, TELEGRAM_WEBHOOK_MAX_BODY_BYTES, type ApiRoleDeps, type ApiRoutes } from './api-role.ts';
export { paymentRoutes, type PaymentRoutesDeps } from './payment-routes.ts';
export { readApiRoutes, type ReadApiRoutesDeps } from './read-api-routes.ts';
export { telegramRoutes, type TelegramRoutesDeps } from './telegram-routes.ts';
export { createRelayRole, type RelayRoleDeps } from './relay-role.ts';
export { createProjectorRole, type ProjectorRoleDeps } from './projector-role.ts';
export { createWorkersRole, type WorkersRoleDeps } from './workers-role.ts';
export { createBotRole, type BotRoleDeps } from './bot-role.ts';

import { registerRole } from '../role-registry.ts';
import { createApiRole, registerApiRoutes } from './api-role.ts';
import { mountPaymentRoutes } from './payment-routes.ts';
import { mountReadApi } from './read-api-routes.ts';
import { createWorkersRole } from './workers-role.ts';
import { createProjectorRole } from './projector-role.ts';
import { createRelayRole } from './relay-role.ts';
import { createBotRole } from './bot-role.ts';
import { mountTelegramRoutes } from './telegram-routes.ts';

// The roles this build ships. Add one line per role as it lands (bot next).
registerApiRoutes(mountPaymentRoutes);
registerApiRoutes(mountReadApi);
registerApiRoutes(mountTelegramRoutes);
registerRole('api', (platform) => createApiRole(platform));
registerRole('relay', createRelayRole);
registerRole('projector', createProjectorRole);
registerRole('workers', createWorkersRole);
registerRole('bot', (platform) => createBotRole(platform));

export { createApiRole, registerApiRoutes, type ApiRoleOptions, type ApiRoutes } from './api-role.ts';
export { createRelayRole } from './relay-role.ts';
export { createProjectorRole } from './projector-role.ts';
export { createWorkersRole } from './workers-role.ts';

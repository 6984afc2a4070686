import { registerRole } from '../role-registry.ts';
import { createApiRole, registerApiRoutes } from './api-role.ts';
import { mountPaymentRoutes } from './payment-routes.ts';
import { mountReadApi } from './read-api-routes.ts';
import { createWorkersRole } from './workers-role.ts';
import { createProjectorRole } from './projector-role.ts';
import { createRelayRole } from './relay-role.ts';

// The roles this build ships. Add one line per role as it lands (bot next).
registerApiRoutes(mountPaymentRoutes);
registerApiRoutes(mountReadApi);
registerRole('api', (platform) => createApiRole(platform));
registerRole('relay', createRelayRole);
registerRole('projector', createProjectorRole);
registerRole('workers', createWorkersRole);

export { createApiRole, registerApiRoutes, type ApiRoleOptions, type ApiRoutes } from './api-role.ts';
export { createRelayRole } from './relay-role.ts';
export { createProjectorRole } from './projector-role.ts';
export { createWorkersRole } from './workers-role.ts';

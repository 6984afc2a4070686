import { registerRole } from '../role-registry.ts';
import { createApiRole, registerApiRoutes } from './api-role.ts';
import { mountReadApi } from './read-api-routes.ts';
import { createProjectorRole } from './projector-role.ts';
import { createRelayRole } from './relay-role.ts';

// The roles this build ships. Add one line per role as it lands (relay, projector, workers, bot).
registerApiRoutes(mountReadApi);
registerRole('api', (platform) => createApiRole(platform));
registerRole('relay', createRelayRole);
registerRole('projector', createProjectorRole);

export { createApiRole, registerApiRoutes, type ApiRoleOptions, type ApiRoutes } from './api-role.ts';
export { createRelayRole } from './relay-role.ts';
export { createProjectorRole } from './projector-role.ts';

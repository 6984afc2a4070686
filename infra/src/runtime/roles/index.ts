import { registerRole } from '../role-registry.ts';
import { createApiRole } from './api-role.ts';
import { createRelayRole } from './relay-role.ts';

// The roles this build ships. Add one line per role as it lands (relay, projector, workers, bot).
registerRole('api', (platform) => createApiRole(platform));
registerRole('relay', createRelayRole);

export { createApiRole, registerApiRoutes, type ApiRoleOptions, type ApiRoutes } from './api-role.ts';
export { createRelayRole } from './relay-role.ts';

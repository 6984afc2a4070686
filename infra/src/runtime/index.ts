import './roles/index.ts';

export { createPlatform, type Platform, type RunningPlatform, type CreatePlatformOptions } from './platform.ts';
export { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.ts';
export { ROLE_NAMES, isRoleName, type Role, type RoleFactory, type RoleName } from './role.ts';
export { createRoleRegistry, registerRole, roleRegistry, type RoleRegistry } from './role-registry.ts';
export { createApiRole, registerApiRoutes, type ApiRoleOptions, type ApiRoutes } from './roles/index.ts';
export { platformReadinessChecks } from './readiness-checks.ts';
export { startRoles, type RunningRoles } from './start-roles.ts';
export { onShutdownSignals, type ShutdownSignalOptions } from './shutdown-signals.ts';
export { registerMigrationStep, migrationSteps, runMigrationSteps, type MigrationStep } from './migration-steps.ts';
export { startPayGate, type RunningPayGate, type StartPayGateOptions } from './start-paygate.ts';
export { findFreePort } from './free-port.ts';

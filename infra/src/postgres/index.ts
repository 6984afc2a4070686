export { createPool, type PoolOptions } from './create-pool.ts';
export { migrate, migrationHistoryAppGrant, type Migration, type MigrationResult } from './migrate.ts';
export {
  assertSchemaKnown,
  isSchemaTooNewError,
  pendingMigrations,
  readMigrationHistory,
  SchemaTooNewError,
  type MigrationHistory,
  type MigrationSet,
  type PendingMigration,
} from './schema-version.ts';
export { inTransaction } from './transaction.ts';
export { isConnectionError, pgErrorCode, pgToPayGateError } from './pg-errors.ts';
export { grantAppRole, APP_GRANTS_LOCK, type AppGrant, type AppRoleAccess } from './app-grants.ts';
export { appRoleProblems, checkAppRole, type AppRoleCheck } from './app-role-audit.ts';
export { prepareAppSchema, type AppSchemaOptions } from './app-schema.ts';
export { handOverSchema } from './hand-over-schema.ts';
export { quoteIdent } from './quote-ident.ts';
export { roleOfUrl } from './role-of-url.ts';
export { scramSha256Verifier } from './scram-verifier.ts';

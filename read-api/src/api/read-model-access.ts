import type { AnyKysely } from '@paygate/projections';

/** Where the routes read: a Kysely over the read-model database and the schema the projections write. */
export type ReadModelAccess = { db: AnyKysely; schema: string };

import type pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { AnyKysely } from '@paygate/projections';

/**
 * kysely over the platform's pool, for the read models. Never destroyed on its own: that would
 * end the pool, whose lifetime belongs to the platform.
 */
export const createReadModelDb = (pool: pg.Pool): AnyKysely => new Kysely({ dialect: new PostgresDialect({ pool }) });

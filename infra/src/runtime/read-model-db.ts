import { Kysely, PostgresDialect } from 'kysely';
import type { AnyKysely } from '@paygate/projections';
import type { Platform } from './platform.ts';

const instances = new WeakMap<Platform['pool'], AnyKysely>();

/** One kysely instance over the platform's pool, shared by the roles of a process. */
export const readModelDb = (platform: Platform): AnyKysely => {
  let db = instances.get(platform.pool);
  if (!db) {
    // The pool's lifetime belongs to the platform, so this instance is never destroyed on its own.
    db = new Kysely({ dialect: new PostgresDialect({ pool: platform.pool }) });
    instances.set(platform.pool, db);
  }
  return db;
};

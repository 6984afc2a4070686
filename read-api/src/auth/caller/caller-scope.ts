import type { Context } from 'hono';
import { listOwnerChannelIds, type AnyKysely, type OwnerScope } from '@paygate/projections';
import type { CallerEnv } from './caller.ts';

const resolved = new WeakMap<object, Promise<OwnerScope>>();

/**
 * What the caller may read, for the queries of this request: everything for admin and auditor; for
 * an owner, their id and their channel ids, looked up once per request (one indexed read) so
 * every scoped query filters on known ids — the restriction stays in each query's SQL.
 */
export const callerScope = <E extends CallerEnv>(c: Context<E>, { db, schema }: { db: AnyKysely; schema: string }): Promise<OwnerScope> => {
  const caller = (c as unknown as Context<CallerEnv>).get('caller');
  if (caller.role !== 'owner') return Promise.resolve({});
  const known = resolved.get(c);
  if (known) return known;
  const scope = listOwnerChannelIds(db, schema, caller.ownerId).then((channelIds) => ({ ownerId: caller.ownerId, channelIds }));
  resolved.set(c, scope);
  return scope;
};

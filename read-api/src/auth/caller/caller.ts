import type { HttpEnv } from '@paygate/http';

/**
 * Who is asking, once authenticated. `owner` sees the channels whose owner of record they are;
 * `admin` (the operator key, or a Telegram id listed in DASHBOARD_ADMIN_IDS) and `auditor` see
 * everything, read-only; only auditors and admins see event trails.
 */
export type Caller =
  | { role: 'owner'; ownerId: string; sessionId?: string }
  | { role: 'admin'; ownerId?: string; sessionId?: string }
  | { role: 'auditor'; ownerId: string; sessionId?: string };

export type CallerRole = Caller['role'];

/** Event trails are evidence; owners see their data through the read models, not the raw log. */
export const mayReadAudit = (caller: Caller): boolean => caller.role !== 'owner';

/** The hono environment of authenticated routes: the caller is set by the auth middleware. */
export type CallerEnv = HttpEnv & { Variables: HttpEnv['Variables'] & { caller: Caller } };

import type { Hono } from 'hono';
import { PayGateError } from '@paygate/domain';
import type { CallerEnv, DashboardAuth } from '../auth/index.ts';

/**
 * `GET /api/v1/me`: who the credential belongs to. `POST /api/v1/auth/logout-everywhere`: ends
 * every session of the caller (all devices); their access tokens stop working within seconds.
 */
export const registerCallerRoutes = (app: Hono<CallerEnv>, auth: DashboardAuth | undefined): void => {
  app.get('/api/v1/me', (c) => {
    const caller = c.get('caller');
    return c.json({ role: caller.role, ownerId: caller.ownerId ?? null });
  });
  if (!auth) return;
  app.post('/api/v1/auth/logout-everywhere', async (c) => {
    const caller = c.get('caller');
    if (caller.ownerId === undefined) throw new PayGateError('forbidden', 'The operator key has no sessions; log out everywhere with an access token.');
    return c.json(await auth.sessions.logoutEverywhere(caller.ownerId));
  });
};

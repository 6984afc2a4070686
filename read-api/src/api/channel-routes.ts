import type { Hono } from 'hono';
import { notFoundError } from '@paygate/domain';
import { findChannel } from '@paygate/projections';
import { callerScope, type CallerEnv } from '../auth/index.ts';
import { parseIdParam } from './params.ts';
import { channelOut } from './presenters.ts';
import { readModel } from './read-model-errors.ts';
import type { ReadModelAccess } from './read-model-access.ts';

/** `GET /api/v1/channels/:id`: the channel with every tier it priced (retired ones flagged). */
export const registerChannelRoutes = (app: Hono<CallerEnv>, { db, schema }: ReadModelAccess): void => {
  app.get('/api/v1/channels/:id', async (c) => {
    const scope = await callerScope(c, { db, schema });
    const channelId = parseIdParam(c.req.param('id'));
    const channel = await readModel(() => findChannel(db, schema, channelId, scope));
    if (!channel) throw notFoundError(`channel ${channelId} not found`, { channelId });
    return c.json(channelOut(channel));
  });
};

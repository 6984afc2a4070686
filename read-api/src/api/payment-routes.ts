import type { Hono } from 'hono';
import { notFoundError, PayGateError } from '@paygate/domain';
import { findPayment, findSplit } from '@paygate/projections';
import { callerScope, mayReadAudit, type CallerEnv } from '../auth/index.ts';
import { readPaymentPage } from './list-pages.ts';
import { parseIdParam, parsePaymentListQuery } from './params.ts';
import { paymentOut, splitOut } from './presenters.ts';
import { readModel } from './read-model-errors.ts';
import type { ReadModelAccess } from './read-model-access.ts';

/** One recorded event of a payment's trail, as auditors read it. */
export type TrailEvent = { streamId: string; revision: string; position: string; type: string; recordedAt: string; data: unknown };
/** The events of a payment's invoice, payment and split streams, in log order. */
export type TrailReader = (payment: { paymentId: string; invoiceId: string }) => Promise<TrailEvent[]>;

/**
 * `GET /api/v1/payments/:id`: one payment with its split (null until calculated).
 * `GET /api/v1/payments?invoice=&channel=&status=&limit=&cursor=`: newest change first, keyset
 * pages (limit 1..100, default 20). `nextCursor` is null on the last page.
 * `GET /api/v1/payments/:id/events`: its event trail, for auditors and admins.
 */
export const registerPaymentRoutes = (app: Hono<CallerEnv>, { db, schema }: ReadModelAccess, readTrail?: TrailReader): void => {
  app.get('/api/v1/payments', async (c) => {
    const scope = await callerScope(c, { db, schema });
    const query = parsePaymentListQuery(c.req.queries());
    const page = await readPaymentPage({ db, schema, scope }, query);
    return c.json({ items: page.items.map(paymentOut), limit: query.limit, nextCursor: page.nextCursor });
  });
  app.get('/api/v1/payments/:id', async (c) => {
    const paymentId = parseIdParam(c.req.param('id'));
    const scope = await callerScope(c, { db, schema });
    const [payment, split] = await readModel(() => Promise.all([findPayment(db, schema, paymentId, scope), findSplit(db, schema, paymentId, scope)]));
    if (!payment) throw notFoundError(`payment ${paymentId} not found`, { paymentId });
    return c.json({ ...paymentOut(payment), split: split ? splitOut(split) : null });
  });
  if (!readTrail) return;
  app.get('/api/v1/payments/:id/events', async (c) => {
    if (!mayReadAudit(c.get('caller'))) throw new PayGateError('forbidden', 'Event trails are for auditors and admins.');
    const paymentId = parseIdParam(c.req.param('id'));
    const payment = await readModel(() => findPayment(db, schema, paymentId));
    if (!payment) throw notFoundError(`payment ${paymentId} not found`, { paymentId });
    return c.json({ paymentId, events: await readTrail(payment) });
  });
};

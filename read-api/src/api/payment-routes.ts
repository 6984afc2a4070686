import type { Hono } from 'hono';
import { notFoundError } from '@paygate/domain';
import { findPayment, findSplit, listPayments } from '@paygate/projections';
import type { HttpEnv } from '@paygate/http';
import { encodeCursor } from './cursor.ts';
import { parseIdParam, parsePaymentListQuery } from './params.ts';
import { paymentOut, splitOut } from './presenters.ts';
import { readModel } from './read-model-errors.ts';
import type { ReadModelAccess } from './read-model-access.ts';

/**
 * `GET /api/v1/payments/:id`: one payment with its split (null until calculated).
 * `GET /api/v1/payments?invoice=&channel=&status=&limit=&cursor=`: newest change first, keyset
 * pages (limit 1..100, default 20). `nextCursor` is null on the last page.
 */
export const registerPaymentRoutes = (app: Hono<HttpEnv>, { db, schema }: ReadModelAccess): void => {
  app.get('/api/v1/payments', async (c) => {
    const query = parsePaymentListQuery(c.req.queries());
    const page = await readModel(() =>
      listPayments(db, schema, {
        ...(query.invoice === undefined ? {} : { invoiceId: query.invoice }),
        ...(query.channel === undefined ? {} : { channelId: query.channel }),
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.cursor === undefined ? {} : { after: query.cursor }),
        limit: query.limit,
      }),
    );
    return c.json({ items: page.items.map(paymentOut), limit: query.limit, nextCursor: page.next ? encodeCursor(page.next) : null });
  });
  app.get('/api/v1/payments/:id', async (c) => {
    const paymentId = parseIdParam(c.req.param('id'));
    const [payment, split] = await readModel(() => Promise.all([findPayment(db, schema, paymentId), findSplit(db, schema, paymentId)]));
    if (!payment) throw notFoundError(`payment ${paymentId} not found`, { paymentId });
    return c.json({ ...paymentOut(payment), split: split ? splitOut(split) : null });
  });
};

import type { Hono } from 'hono';
import { notFoundError } from '@paygate/domain';
import { findInvoice, listInvoicePayments, listInvoiceSplits } from '@paygate/projections';
import { callerScope, type CallerEnv } from '../auth/index.ts';
import { parseIdParam } from './params.ts';
import { invoiceOut } from './presenters.ts';
import { readModel } from './read-model-errors.ts';
import type { ReadModelAccess } from './read-model-access.ts';

/** `GET /api/v1/invoices/:id`: the invoice, its current payment status and its payments (with their splits). */
export const registerInvoiceRoutes = (app: Hono<CallerEnv>, { db, schema }: ReadModelAccess): void => {
  app.get('/api/v1/invoices/:id', async (c) => {
    const invoiceId = parseIdParam(c.req.param('id'));
    const scope = await callerScope(c, { db, schema });
    const invoice = await readModel(() => findInvoice(db, schema, invoiceId, scope));
    if (!invoice) throw notFoundError(`invoice ${invoiceId} not found`, { invoiceId });
    const [payments, splits] = await readModel(() =>
      Promise.all([listInvoicePayments(db, schema, invoiceId, scope), listInvoiceSplits(db, schema, invoiceId, scope)]),
    );
    return c.json(invoiceOut(invoice, payments, splits));
  });
};

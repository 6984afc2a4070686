import type { Hono } from 'hono';
import { notFoundError } from '@paygate/domain';
import { findInvoice, listInvoicePayments, listInvoiceSplits } from '@paygate/projections';
import type { HttpEnv } from '@paygate/http';
import { parseIdParam } from './params.ts';
import { invoiceOut } from './presenters.ts';
import { readModel } from './read-model-errors.ts';
import type { ReadModelAccess } from './read-model-access.ts';

/** `GET /api/v1/invoices/:id`: the invoice, its current payment status and its payments (with their splits). */
export const registerInvoiceRoutes = (app: Hono<HttpEnv>, { db, schema }: ReadModelAccess): void => {
  app.get('/api/v1/invoices/:id', async (c) => {
    const invoiceId = parseIdParam(c.req.param('id'));
    const invoice = await readModel(() => findInvoice(db, schema, invoiceId));
    if (!invoice) throw notFoundError(`invoice ${invoiceId} not found`, { invoiceId });
    const [payments, splits] = await readModel(() =>
      Promise.all([listInvoicePayments(db, schema, invoiceId), listInvoiceSplits(db, schema, invoiceId)]),
    );
    return c.json(invoiceOut(invoice, payments, splits));
  });
};

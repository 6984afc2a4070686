import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceEvents, invoiceOf, paymentEvents } from '@paygate/testkit/fixtures';
import { LIVE, startProjectionHarness, type ProjectionHarness } from '../test-support/projection-harness.ts';
import { paymentsProjection } from './payments-projection.ts';
import { createReconcileSource } from './reconcile-queries.ts';

// The reconciler's source over PostgreSQL: stale payments oldest first, and a keyset `after`
// (time, id) that continues a page without repeating or skipping, ties broken by id.

let h: ProjectionHarness;
const purchase = { invoiceId: 'inv_1', channelId: 'ch1', subscriberId: '777' };
beforeAll(async () => {
  h = await startProjectionHarness(paymentsProjection, 'paygate_proj_reconcile');
  await h.append({ 'invoice-inv_1': invoiceEvents(purchase) });
  const inv = invoiceOf(purchase);
  await h.append({
    'payment-5001': paymentEvents(inv, '5001', ['waiting'], '2026-01-01T00:01:00.000Z'),
    'payment-5003': paymentEvents(inv, '5003', ['partially_paid'], '2026-01-01T00:02:00.000Z'),
    'payment-5002': paymentEvents(inv, '5002', ['waiting'], '2026-01-01T00:02:00.000Z'),
    'payment-5004': paymentEvents(inv, '5004', ['confirming'], '2026-01-01T00:03:00.000Z'),
  });
});
afterAll(() => h?.close());

describe('reconcile source', () => {
  it('pages stale payments by (updated_at, payment_id) after a cursor', async () => {
    const source = createReconcileSource(h.db, LIVE);
    const window = { since: new Date('2026-01-01T00:00:00.000Z'), until: new Date('2026-01-02T00:00:00.000Z') };
    const ids = (rows: { paymentId: string }[]) => rows.map((row) => row.paymentId);
    const first = await source.stalePayments({ ...window, limit: 2 });
    expect(ids(first)).toEqual(['5001', '5002']);
    const last = first.at(-1)!;
    expect(ids(await source.stalePayments({ ...window, limit: 2, after: { at: last.updatedAt, id: last.paymentId } }))).toEqual(['5003', '5004']);
    expect(ids(await source.stalePayments({ ...window, limit: 2, after: { at: '2026-01-01T00:03:00.000Z', id: '5004' } }))).toEqual([]);
  });
});

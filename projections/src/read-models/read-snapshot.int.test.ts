import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPayments, type PaymentPageKey } from '../payments/index.ts';
import { startReadModelDb, type ReadModelDb } from '../test-support/read-model-db.ts';
import { readModelRows } from '../test-support/read-model-rows.ts';
import { openReadSnapshot } from './read-snapshot.ts';

// A keyset walk newest-first: a row that changes between two pages moves ahead of the cursor.
// Read in one snapshot, the walk still returns every row once; read live, it loses that row.
let rm: ReadModelDb;
beforeAll(async () => {
  rm = await startReadModelDb('paygate_read_snapshot');
  const rows = readModelRows(rm.db, rm.schema);
  await rows.channel({ channelId: 'ch', ownerId: '1', position: 1 });
  for (let n = 1; n <= 4; n++) await rows.payment({ paymentId: `p${n}`, invoiceId: 'inv', channelId: 'ch', position: 10 + n });
});
afterAll(() => rm?.close());

const moveAhead = (paymentId: string, position: number) =>
  sql`UPDATE ${sql.id(rm.schema, 'payments')} SET updated_commit = ${position}, updated_prepare = ${position} WHERE payment_id = ${paymentId}`.execute(rm.db);

const walk = async (db: ReadModelDb['db'], between: () => Promise<unknown>) => {
  const first = await listPayments(db, rm.schema, { limit: 2 });
  await between();
  const second = await listPayments(db, rm.schema, { limit: 2, after: first.next as PaymentPageKey });
  return [...first.items, ...second.items].map((payment) => payment.paymentId);
};

describe('openReadSnapshot', () => {
  it('a walk in a snapshot sees every row once though one changes midway; a live walk skips it', async () => {
    const snapshot = await openReadSnapshot(rm.db);
    try {
      expect(await walk(snapshot.db, () => moveAhead('p2', 100))).toEqual(['p4', 'p3', 'p2', 'p1']);
    } finally {
      await snapshot.close();
    }
    // Live (order now p2, p4, p3, p1): p1 moves ahead of the cursor after the first page and is never returned.
    expect(await walk(rm.db, () => moveAhead('p1', 200))).toEqual(['p2', 'p4', 'p3']);
  });

  it('is read only, and closing it twice is harmless', async () => {
    const snapshot = await openReadSnapshot(rm.db);
    await expect(moveAheadIn(snapshot.db)).rejects.toThrow(/read-only/);
    await snapshot.close();
    await snapshot.close();
  });
});

const moveAheadIn = (db: ReadModelDb['db']) => sql`UPDATE ${sql.id(rm.schema, 'payments')} SET updated_commit = 1 WHERE payment_id = 'p3'`.execute(db);

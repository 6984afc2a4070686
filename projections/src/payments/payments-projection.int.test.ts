import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@paygate/domain';
import { createTestDatabase, type TestDatabase } from '@paygate/testkit';
import type { AnyKysely } from '../runner/index.ts';
import { findPayment } from './payment-queries.ts';
import { paymentsProjection } from './payments-projection.ts';

// The projection's apply on a real PostgreSQL, event by event as the runner would feed it.
const SCHEMA = 'payments_projection_test';
let database: TestDatabase;
let db: AnyKysely;
let position = 0n;

const at = '2026-01-02T00:00:00.000Z';
const ref = { paymentId: 'pay-held', invoiceId: 'inv-1', channelId: 'ch-1', tierId: 'monthly', subscriberId: '7', receivedAt: at };
const usdt = (units: string) => ({ amount: units, currency: 'USDTTRC20', decimals: 6 });
const price = { amount: '1250', currency: 'USD', decimals: 2 };
const grant = { ...ref, price, durationDays: 30, actuallyPaid: usdt('1250000'), outcome: usdt('1240000') };
const decision = { paymentId: ref.paymentId, invoiceId: 'inv-1', decidedBy: 'ops-anna', note: 'checked', decidedAt: '2026-01-03T00:00:00.000Z' };

const event = (type: string, data: unknown): RecordedEvent => {
  position += 1n;
  return { id: `e${position}`, type, data, metadata: {}, streamId: 'x', streamRevision: 0n, position: { commit: position, prepare: position }, recordedAt: new Date() };
};
const apply = async (...events: RecordedEvent[]) => {
  for (const recorded of events) await paymentsProjection.apply(db.withSchema(SCHEMA), recorded, SCHEMA);
};

const invoiceCreated = () =>
  event('InvoiceCreated', { invoiceId: 'inv-1', channelId: 'ch-1', tierId: 'monthly', subscriberId: '7', price, durationDays: 30, createdAt: at });
const finished = (paymentId = ref.paymentId) =>
  event('PaymentStatusRecorded', {
    paymentId,
    invoiceId: 'inv-1',
    status: 'finished',
    priceAmount: '12.5',
    priceCurrency: 'USD',
    payAmount: '12.5',
    actuallyPaid: '1.25',
    payCurrency: 'USDTTRC20',
    outcomeAmount: '1.24',
    outcomeCurrency: 'USDTTRC20',
    receivedAt: at,
  });
const held = (paymentId = ref.paymentId) =>
  event('PaymentHeldForReview', { ...grant, paymentId, reason: 'underpaid', payAmount: usdt('12500000'), shortfallBps: 9000, toleranceBps: 100 });

beforeAll(async () => {
  database = await createTestDatabase('paygate_payments_projection');
  db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 2 }) }) });
  await sql.raw(`CREATE SCHEMA ${SCHEMA}`).execute(db);
  for (const statement of paymentsProjection.ddl(SCHEMA)) await sql.raw(statement).execute(db);
  await apply(invoiceCreated());
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

describe('payments projection: payments held for review', () => {
  it('handles the hold and the rejection', () => {
    expect(paymentsProjection.handles).toEqual(expect.arrayContaining(['PaymentHeldForReview', 'PaymentHoldRejected']));
  });

  let firstHold: RecordedEvent;
  it('a held payment reads held_for_review, with nothing received', async () => {
    const status = finished();
    firstHold = held();
    await apply(status, firstHold);
    expect(await findPayment(db, SCHEMA, ref.paymentId)).toMatchObject({ status: 'finished', outcome: 'held_for_review', received: null });
  });

  it('the same hold delivered again changes nothing', async () => {
    const before = await findPayment(db, SCHEMA, ref.paymentId);
    await apply(firstHold); // a redelivery: same event, same position
    expect(await findPayment(db, SCHEMA, ref.paymentId)).toEqual(before);
  });

  it('a release turns it into received (the PaymentReceived appended with it)', async () => {
    await apply(event('PaymentHoldReleased', decision), event('PaymentReceived', grant));
    expect(await findPayment(db, SCHEMA, ref.paymentId)).toMatchObject({
      outcome: 'received',
      received: { actuallyPaid: { amount: 1250000n }, outcome: { amount: 1240000n } },
    });
  });

  it('a rejection reads rejected, updated at the decision time', async () => {
    await apply(finished('pay-rejected'), held('pay-rejected'), event('PaymentHoldRejected', { ...decision, paymentId: 'pay-rejected' }));
    expect(await findPayment(db, SCHEMA, 'pay-rejected')).toMatchObject({ outcome: 'rejected', received: null, updatedAt: decision.decidedAt });
  });
});

describe('payments projection: a second payment of a paid invoice', () => {
  it('reads paid_twice: an overpayment for an operator, with nothing received', async () => {
    const status = finished('pay-twice');
    const paidTwice = event('InvoicePaidTwice', {
      ...ref,
      paymentId: 'pay-twice',
      price,
      actuallyPaid: usdt('12500000'),
      outcome: usdt('12430000'),
      paidBy: { paymentId: 'pay-first', actuallyPaid: usdt('12500000'), outcome: usdt('12430000') },
    });
    await apply(status, paidTwice);
    const view = await findPayment(db, SCHEMA, 'pay-twice');
    expect(view).toMatchObject({ invoiceId: 'inv-1', status: 'finished', outcome: 'paid_twice', received: null, price: { amount: 1250n } });
    await apply(paidTwice); // redelivered
    expect(await findPayment(db, SCHEMA, 'pay-twice')).toEqual(view);
    expect(paymentsProjection.handles).toContain('InvoicePaidTwice');
  });
});

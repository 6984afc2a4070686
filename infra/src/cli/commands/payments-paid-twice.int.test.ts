import { Kysely, PostgresDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentStreamId } from '@paygate/domain';
import { createProjectionRunner, DEFAULT_READ_MODEL_SCHEMA, paymentsProjection, type AnyKysely } from '@paygate/projections';
import { startFlowHarness, typesOf, type FlowHarness } from '../../flows/test-support/flow-harness.ts';
import { createDefaultCommandRegistry, runCli, type CliIo } from '../index.ts';
import type { PaidTwicePayment } from './payments-paid-twice.ts';

let h: FlowHarness;
let db: AnyKysely;
beforeAll(async () => {
  h = await startFlowHarness();
  db = new Kysely({ dialect: new PostgresDialect({ pool: h.pool }) });
});
afterAll(async () => {
  await h?.close();
});

const paygate = async (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env: { DATABASE_URL: h.db.url, LOG_LEVEL: 'silent' } };
  const code = await runCli(argv, io, createDefaultCommandRegistry());
  return { code, stdout: out.join(''), stderr: err.join('') };
};

const project = async () => {
  const runner = createProjectionRunner({ db, eventStore: h.eventStore, projection: paymentsProjection, schema: DEFAULT_READ_MODEL_SCHEMA });
  await runner.start();
  try {
    await runner.waitFor((await h.eventStore.readAll()).at(-1)!.position, 20_000);
  } finally {
    await runner.stop();
  }
};

/** A finished IPN paying the 12.50 USD tier in full. */
const finishedIpn = (orderId: string, paymentId: number) => ({
  payment_id: paymentId,
  parent_payment_id: null,
  invoice_id: 4_000_000_001,
  payment_status: 'finished',
  pay_address: 'TXYZ',
  price_amount: 12.5,
  price_currency: 'usd',
  pay_amount: 12.502501,
  actually_paid: 12.502501,
  pay_currency: 'usdttrc20',
  order_id: orderId,
  order_description: 'Alpha signals: Monthly (30 days)',
  purchase_id: '6000000001',
  outcome_amount: 12.44,
  outcome_currency: 'usdttrc20',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:05:00.000Z',
});

const FIRST = 9_300_000_001;
const SECOND = 9_300_000_002;

describe('paygate payments paid-twice (real PostgreSQL, IPNs through the webhook)', () => {
  it('lists a second payment of a paid invoice with both payments, once; the first one is the grant', async () => {
    expect(await paygate('payments', 'paid-twice')).toEqual({ code: 0, stdout: 'no invoice was paid twice\n', stderr: '' });
    const { channelId, tierId } = await h.channelWithTier('twice');
    const invoice = await h.flow.invoices.createInvoice({ channelId, tierId, subscriberId: '777' });
    for (const paymentId of [FIRST, SECOND, SECOND]) expect((await h.postSignedIpn(finishedIpn(invoice.invoiceId, paymentId))).status).toBe(200);
    expect(typesOf(await h.eventStore.readStream(paymentStreamId(String(FIRST))))).toEqual(['PaymentStatusRecorded', 'PaymentReceived']);
    expect(typesOf(await h.eventStore.readStream(paymentStreamId(String(SECOND))))).toEqual(['PaymentStatusRecorded', 'InvoicePaidTwice']);
    await project();

    const listed = await paygate('payments', 'paid-twice', '--json');
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(listed.stdout) as PaidTwicePayment[]).toEqual([
      {
        paymentId: String(SECOND),
        invoiceId: invoice.invoiceId,
        channelId,
        tierId,
        subscriberId: '777',
        price: { amount: '12.50', currency: 'USD' },
        paid: { amount: '12.502501', currency: 'USDTTRC20' },
        outcome: { amount: '12.440000', currency: 'USDTTRC20' },
        paidBy: { paymentId: String(FIRST), paid: { amount: '12.502501', currency: 'USDTTRC20' }, outcome: { amount: '12.440000', currency: 'USDTTRC20' } },
        receivedAt: expect.any(String),
      },
    ]);
    const text = await paygate('payments', 'paid-twice');
    expect(text.stdout).toContain(`payment ${SECOND}  paid twice `);
    expect(text.stdout).toContain(`the invoice was paid by payment ${FIRST} (12.502501 USDTTRC20)`);
    expect(text.stdout).toContain('Refund each in NOWPayments.');
  });
});

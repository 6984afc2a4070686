import { Kysely, PostgresDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentStreamId } from '@paygate/domain';
import { createProjectionRunner, DEFAULT_READ_MODEL_SCHEMA, paymentsProjection, type AnyKysely } from '@paygate/projections';
import { startFlowHarness, typesOf, type FlowHarness } from '../../flows/test-support/flow-harness.ts';
import { finishedIpn } from '../../flows/test-support/finished-ipn.ts';
import { paygateCli } from '../test-support/run-paygate-cli.ts';
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

/** `paygate <argv>` against the harness database, as an operator would run it with DATABASE_URL. */
const paygate = paygateCli(() => ({ DATABASE_URL: h.db.url, LOG_LEVEL: 'silent' }));

const project = async () => {
  const runner = createProjectionRunner({ db, eventStore: h.eventStore, projection: paymentsProjection, schema: DEFAULT_READ_MODEL_SCHEMA });
  await runner.start();
  try {
    await runner.waitFor((await h.eventStore.readAll()).at(-1)!.position, 20_000);
  } finally {
    await runner.stop();
  }
};

const FIRST = 9_300_000_001;
const SECOND = 9_300_000_002;

describe('paygate payments paid-twice (real PostgreSQL, IPNs through the webhook)', () => {
  it('lists a second payment of a paid invoice with both payments, once; the first one is the grant', async () => {
    expect(await paygate('payments', 'paid-twice')).toEqual({ code: 0, stdout: 'no invoice was paid twice\n', stderr: '' });
    const { channelId, tierId } = await h.channelWithTier('twice');
    const invoice = await h.flow.invoices.createInvoice({ channelId, tierId, subscriberId: '777' });
    for (const paymentId of [FIRST, SECOND, SECOND]) expect((await h.postSignedIpn(finishedIpn(invoice.invoiceId, paymentId, { outcome_amount: 12.44 }))).status).toBe(200);
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

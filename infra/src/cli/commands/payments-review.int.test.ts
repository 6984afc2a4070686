import { Kysely, PostgresDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentStreamId } from '@paygate/domain';
import { createProjectionRunner, DEFAULT_READ_MODEL_SCHEMA, paymentsProjection, type AnyKysely } from '@paygate/projections';
import { startFlowHarness, typesOf, type FlowHarness } from '../../flows/test-support/flow-harness.ts';
import { finishedIpn } from '../../flows/test-support/finished-ipn.ts';
import { paygateCli } from '../test-support/run-paygate-cli.ts';
import type { HeldPayment } from './payments-held.ts';

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

const heldList = async (): Promise<HeldPayment[]> => {
  const { code, stdout, stderr } = await paygate('payments', 'held', '--json');
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(stdout) as HeldPayment[];
};

/** Runs the payments projection until it has seen every event so far, as the projector role would. */
const project = async () => {
  const runner = createProjectionRunner({ db, eventStore: h.eventStore, projection: paymentsProjection, schema: DEFAULT_READ_MODEL_SCHEMA });
  await runner.start();
  try {
    await runner.waitFor((await h.eventStore.readAll()).at(-1)!.position, 20_000);
  } finally {
    await runner.stop();
  }
};

const streamTypes = async (paymentId: number) => typesOf(await h.eventStore.readStream(paymentStreamId(String(paymentId))));

/** Buys the tier of a new channel and sends the finished IPN through the real webhook. */
const pay = async (suffix: string, paymentId: number, paid: number) => {
  const { channelId, tierId } = await h.channelWithTier(suffix);
  const invoice = await h.flow.invoices.createInvoice({ channelId, tierId, subscriberId: '777' });
  expect((await h.postSignedIpn(finishedIpn(invoice.invoiceId, paymentId, { actually_paid: paid, outcome_amount: 9.9 }))).status).toBe(200);
  return { ...invoice, channelId };
};

const RELEASED = 9_200_000_001;
const REJECTED = 9_200_000_002;
const GRANTED = 9_200_000_003;

describe('paygate payments held | release | reject (real PostgreSQL, IPNs through the webhook)', () => {
  it('held lists nothing before any payment: opening the platform migrated the read models, no projector needed', async () => {
    expect(await paygate('payments', 'held')).toEqual({ code: 0, stdout: 'no payments held for review\n', stderr: '' });
  });

  it('held lists the payments the underpayment guard held, with quote, paid amount and shortfall', async () => {
    const first = await pay('held_a', RELEASED, 10);
    await pay('held_b', REJECTED, 12);
    await pay('paid_c', GRANTED, 12.502501);
    expect(await streamTypes(RELEASED)).toEqual(['PaymentStatusRecorded', 'PaymentHeldForReview']);
    expect(await streamTypes(GRANTED)).toEqual(['PaymentStatusRecorded', 'PaymentReceived']);
    await project();

    const held = await heldList();
    expect(held.map((payment) => payment.paymentId)).toEqual([String(RELEASED), String(REJECTED)]);
    expect(held[0]).toMatchObject({
      invoiceId: first.invoiceId,
      channelId: first.channelId,
      subscriberId: '777',
      reason: 'underpaid',
      quoted: { amount: '12.502501', currency: 'USDTTRC20' },
      paid: { amount: '10.000000', currency: 'USDTTRC20' },
      shortfallBps: 2002,
      toleranceBps: 100,
    });
    const text = await paygate('payments', 'held');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`payment ${RELEASED}  held `);
    expect(text.stdout).toContain('quoted 12.502501 USDTTRC20  paid 10.000000 USDTTRC20  shortfall 2002 bps (tolerance 100 bps)');
  });

  it('release appends PaymentHoldReleased + one PaymentReceived with the reason; releasing again appends nothing', async () => {
    const released = await paygate('payments', 'release', String(RELEASED), '--reason', 'paid the rest by bank transfer', '--by', 'ops-anna');
    expect(released).toMatchObject({ code: 0, stderr: '' });
    expect(released.stdout).toContain(`payment ${RELEASED} released by ops-anna: appended PaymentHoldReleased, PaymentReceived`);
    const stream = await h.eventStore.readStream(paymentStreamId(String(RELEASED)));
    expect(typesOf(stream)).toEqual(['PaymentStatusRecorded', 'PaymentHeldForReview', 'PaymentHoldReleased', 'PaymentReceived']);
    expect(stream[2]!.data).toMatchObject({ decidedBy: 'ops-anna', note: 'paid the rest by bank transfer' });
    expect(stream[2]!.metadata).toMatchObject({ source: 'operator' });

    const again = await paygate('payments', 'release', String(RELEASED), '--reason', 'clicked twice', '--by', 'ops-anna', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ paymentId: String(RELEASED), decision: 'release', appended: [], alreadyDecided: true });
    expect((await streamTypes(RELEASED)).filter((type) => type === 'PaymentReceived')).toHaveLength(1);

    // The read model still says held_for_review (no projector ran since); the stream check drops it.
    expect((await heldList()).map((payment) => payment.paymentId)).toEqual([String(REJECTED)]);
  });

  it('reject appends PaymentHoldRejected and never a PaymentReceived; a rejected payment cannot be released', async () => {
    const rejected = await paygate('payments', 'reject', String(REJECTED), '--reason', 'subscriber asked for a refund', '--by', 'ops-ben');
    expect(rejected).toMatchObject({ code: 0, stderr: '' });
    expect(rejected.stdout).toBe(`payment ${REJECTED} rejected by ops-ben: appended PaymentHoldRejected\n`);
    expect(await streamTypes(REJECTED)).toEqual(['PaymentStatusRecorded', 'PaymentHeldForReview', 'PaymentHoldRejected']);

    const release = await paygate('payments', 'release', String(REJECTED), '--reason', 'changed my mind', '--by', 'ops-ben');
    expect(release).toEqual({ code: 1, stdout: '', stderr: `error: held payment ${REJECTED} was already rejected\n` });
    expect(await streamTypes(REJECTED)).toEqual(['PaymentStatusRecorded', 'PaymentHeldForReview', 'PaymentHoldRejected']);

    await project();
    expect(await heldList()).toEqual([]);
    expect((await paygate('payments', 'held')).stdout).toBe('no payments held for review\n');
  });

  it('an unknown or never-held payment is refused with exit 1 and appends nothing', async () => {
    const before = await h.eventCount();
    const unknown = await paygate('payments', 'release', '9299999999', '--reason', 'typo', '--by', 'ops-anna');
    expect(unknown).toEqual({ code: 1, stdout: '', stderr: 'error: payment 9299999999 not found (payment-9299999999 has no events)\n' });
    const granted = await paygate('payments', 'reject', String(GRANTED), '--reason', 'not held', '--by', 'ops-anna');
    expect(granted).toEqual({ code: 1, stdout: '', stderr: `error: payment ${GRANTED} is not held for review\n` });
    expect(await h.eventCount()).toBe(before);
  });
});

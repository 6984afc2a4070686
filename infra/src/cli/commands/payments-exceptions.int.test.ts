import { Kysely, PostgresDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceStreamId, paymentStreamId } from '@paygate/domain';
import { createProjectionRunner, DEFAULT_READ_MODEL_SCHEMA, readModelProjections, type AnyKysely, type PaymentExceptionView } from '@paygate/projections';
import { finishedIpn } from '../../flows/test-support/finished-ipn.ts';
import { startFlowHarness, typesOf, type FlowHarness } from '../../flows/test-support/flow-harness.ts';
import { paygateCli } from '../test-support/run-paygate-cli.ts';

// paygate payments exceptions | attach | close over real PostgreSQL, the IPNs through the webhook.

let h: FlowHarness;
let db: AnyKysely;
beforeAll(async () => {
  h = await startFlowHarness();
  db = new Kysely({ dialect: new PostgresDialect({ pool: h.pool }) });
});
afterAll(async () => {
  await h?.close();
});

const paygate = paygateCli(() => ({ DATABASE_URL: h.db.url, LOG_LEVEL: 'silent' }));

/** Runs every read model until it has seen every event so far, as the projector role would. */
const project = async () => {
  const runner = createProjectionRunner({ db, eventStore: h.eventStore, projection: readModelProjections, schema: DEFAULT_READ_MODEL_SCHEMA });
  await runner.start();
  try {
    await runner.waitFor((await h.eventStore.readAll()).at(-1)!.position, 20_000);
  } finally {
    await runner.stop();
  }
};

const list = async (...flags: string[]): Promise<PaymentExceptionView[]> => {
  const { code, stdout, stderr } = await paygate('payments', 'exceptions', '--json', ...flags);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(stdout) as PaymentExceptionView[];
};
const types = async (streamId: string) => typesOf(await h.eventStore.readStream(streamId));

const UNMATCHED = 9_300_000_001;
const MISMATCHED = 9_300_000_002;
const UNDERPAID = 9_300_000_003;
const REFUSED = 9_300_000_004;

describe('paygate payments exceptions | attach | close', () => {
  let target: string;
  let mismatchedInvoice: string;

  it('lists every kind of exception the webhook recorded, oldest first', async () => {
    expect(await paygate('payments', 'exceptions')).toEqual({ code: 0, stdout: 'no payment exceptions\n', stderr: '' });
    const { channelId, tierId } = await h.channelWithTier('exc');
    const invoice = () => h.flow.invoices.createInvoice({ channelId, tierId, subscriberId: '777' });
    target = (await invoice()).invoiceId;
    mismatchedInvoice = (await invoice()).invoiceId;
    const underpaidInvoice = (await invoice()).invoiceId;
    const refusedInvoice = (await invoice()).invoiceId;
    const post = async (body: Record<string, unknown>) => expect((await h.postSignedIpn(body)).status).toBe(200);
    await post(finishedIpn('inv_nobody_knows', UNMATCHED));
    await post(finishedIpn(mismatchedInvoice, MISMATCHED, { price_amount: 10 }));
    await post(finishedIpn(underpaidInvoice, UNDERPAID, { payment_status: 'partially_paid', actually_paid: 6.25 }));
    await post(finishedIpn(refusedInvoice, REFUSED, { outcome_currency: 'foocoin' }));
    await project();

    const open = await list();
    expect(open.map((found) => [found.paymentId, found.kind, found.state])).toEqual([
      [String(UNMATCHED), 'unmatched', 'open'],
      [String(MISMATCHED), 'mismatched', 'open'],
      [String(UNDERPAID), 'underpaid', 'open'],
      [String(REFUSED), 'refused', 'open'],
    ]);
    expect(open[0]).toMatchObject({ orderId: 'inv_nobody_knows', status: 'finished', paid: '12.502501 USDTTRC20', arrived: '12.43999 USDTTRC20' });
    expect(open[1]!.detail).toBe('paid for 10 USD, the invoice asks 12.50 USD');
    const text = await paygate('payments', 'exceptions');
    expect(text.stdout).toContain(`payment ${UNMATCHED}  unmatched`);
    expect(text.stdout).toContain('order id inv_nobody_knows names no invoice');
  });

  it('attach grants the invoice from a payment that covers it, once; the payment is its payer', async () => {
    const args = ['payments', 'exceptions', 'attach', String(UNMATCHED), '--invoice', target, '--note', 'paid to an old link', '--by', 'olga'];
    const first = await paygate(...args);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain(`payment ${UNMATCHED} attached to invoice ${target} by olga: appended PaymentExceptionAttached, PaymentReceived`);
    expect(await types(paymentStreamId(String(UNMATCHED)))).toEqual(['PaymentExceptionAttached', 'PaymentReceived']);
    expect((await types(invoiceStreamId(target))).at(-1)).toBe('InvoicePaid');
    const received = (await h.eventStore.readStream(paymentStreamId(String(UNMATCHED))))[1]!;
    expect(received.data).toMatchObject({ invoiceId: target, subscriberId: '777', durationDays: 30, outcome: { amount: '12439990', currency: 'USDTTRC20' } });

    const again = await paygate(...args);
    expect(again).toMatchObject({ code: 0, stdout: `payment ${UNMATCHED} was already attached to invoice ${target}; nothing appended\n` });
    // The invoice is paid now: another exception cannot buy it again.
    const twice = await paygate('payments', 'exceptions', 'attach', String(REFUSED), '--invoice', target, '--note', 'x', '--by', 'olga');
    expect(twice.code).not.toBe(0);
    expect(twice.stderr).toContain(`invoice ${target} was paid by payment ${UNMATCHED}`);
  });

  it('attach refuses, saying why, a payment that does not cover the price; nothing is appended', async () => {
    const before = await h.eventCount();
    const below = await paygate('payments', 'exceptions', 'attach', String(MISMATCHED), '--invoice', mismatchedInvoice, '--note', 'x', '--by', 'olga');
    expect(below.code).not.toBe(0);
    expect(below.stderr).toContain("was made for 10.00 USD, below the invoice's price of 12.50 USD");
    const partial = await paygate('payments', 'exceptions', 'attach', String(UNDERPAID), '--invoice', mismatchedInvoice, '--note', 'x', '--by', 'olga');
    expect(partial.stderr).toContain('partially_paid, not finished');
    const missing = await paygate('payments', 'exceptions', 'attach', '9399999999', '--invoice', mismatchedInvoice, '--note', 'x', '--by', 'olga');
    expect(missing.stderr).toContain('payment 9399999999 is no exception');
    expect((await paygate('payments', 'exceptions', 'attach', String(MISMATCHED), '--note', 'x')).code).toBe(2);
    expect(await h.eventCount()).toBe(before);
  });

  it('close records the reason once; the list keeps only what is open, --all shows the decisions', async () => {
    const args = ['payments', 'exceptions', 'close', String(MISMATCHED), '--reason', 'refunded in NOWPayments', '--by', 'olga'];
    expect((await paygate(...args)).stdout).toBe(`payment ${MISMATCHED} closed by olga: appended PaymentExceptionClosed\n`);
    expect((await paygate(...args)).stdout).toBe(`payment ${MISMATCHED} was already closed; nothing appended\n`);
    const attachClosed = await paygate('payments', 'exceptions', 'attach', String(MISMATCHED), '--invoice', mismatchedInvoice, '--note', 'x', '--by', 'olga');
    expect(attachClosed.stderr).toContain('was closed');
    const closeAttached = await paygate('payments', 'exceptions', 'close', String(UNMATCHED), '--reason', 'x', '--by', 'olga');
    expect(closeAttached.stderr).toContain(`was attached to invoice ${target}`);
    await project();

    expect((await list()).map((found) => found.paymentId)).toEqual([String(UNDERPAID), String(REFUSED)]);
    const all = await list('--all');
    expect(all.map((found) => [found.paymentId, found.state, found.decidedBy, found.decision])).toEqual([
      [String(UNMATCHED), 'attached', 'olga', 'paid to an old link'],
      [String(MISMATCHED), 'closed', 'olga', 'refunded in NOWPayments'],
      [String(UNDERPAID), 'open', null, null],
      [String(REFUSED), 'open', null, null],
    ]);
    expect(all[0]!.invoiceId).toBe(target);
  });
});

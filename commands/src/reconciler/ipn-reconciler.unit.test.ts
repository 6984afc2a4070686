import { describe, expect, it } from 'vitest';
import type { EventStore, IpnNotice } from '@paygate/domain';
import { commandSpec, testClock } from '@paygate/testkit';
import { channelStream, invoiceEvents, notice } from '@paygate/testkit/fixtures';
import { recordIpn } from '../payment/record-ipn.ts';
import { createIpnReconciler, RECONCILER_METADATA } from './ipn-reconciler.ts';
import type { PaymentStatusSource, ReconcileSource } from './reconcile-ports.ts';

// The reconciler on the in-memory store: what NOWPayments says is recorded exactly as the IPN
// would have been, and the late IPN (or a second run) then changes nothing.

const clock = testClock('2026-01-02T00:00:00.000Z');
const NOW = new Date('2026-01-02T01:00:00.000Z');
const shop = { ...channelStream({ channelId: 'ch1' }), 'invoice-inv_1': invoiceEvents({ invoiceId: 'inv_1', channelId: 'ch1', subscriberId: '777' }) };
const ipn = (status: Parameters<typeof notice>[2]): IpnNotice => ({ ...notice('inv_1', '5001', status), ipnId: `ipn-${status}` });

const world = (says: IpnNotice[], stale: ReconcileSource = { stalePayments: async () => [{ paymentId: '5001', status: 'waiting', updatedAt: '' }], silentInvoices: async () => [] }) => {
  const asked: Date[] = [];
  const source: ReconcileSource = {
    stalePayments: async (query) => (asked.push(query.until), stale.stalePayments(query)),
    silentInvoices: (query) => stale.silentInvoices(query),
  };
  const nowPayments: PaymentStatusSource = { payment: async () => says.at(-1)!, invoicePayments: async () => [...says].reverse() };
  const reconciler = (eventStore: EventStore) => createIpnReconciler({ recordIpn: recordIpn({ eventStore, clock }), source, nowPayments, afterMinutes: 30 });
  return { reconciler, asked };
};

describe('IPN reconciler', () => {
  it('a payment stuck at waiting whose finished IPN was lost: records finished and the grant, marked as reconciled', async () => {
    const { reconciler, asked } = world([ipn('finished')]);
    const { result, appended } = await commandSpec()
      .given(shop)
      .when(async ({ eventStore }) => {
        await recordIpn({ eventStore, clock })(ipn('waiting'));
        return reconciler(eventStore).reconcile(NOW);
      })
      .thenAppends({
        'payment-5001': [{ type: 'PaymentStatusRecorded' }, { type: 'PaymentStatusRecorded' }, { type: 'PaymentReceived' }],
        'invoice-inv_1': [{ type: 'InvoicePaid' }],
      });
    expect(result).toEqual({ asked: 1, recorded: 1, unchanged: 0, failed: 0, unlistable: 0 });
    expect(appended['payment-5001']![2]!.metadata).toMatchObject(RECONCILER_METADATA);
    expect(asked).toEqual([new Date('2026-01-02T00:30:00.000Z')]);
  });

  it('the late IPN after the reconciliation, and a second run, change nothing', async () => {
    const { reconciler } = world([ipn('finished')]);
    await commandSpec()
      .given(shop)
      .when(async ({ eventStore }) => {
        await reconciler(eventStore).reconcile(NOW);
        const late = await recordIpn({ eventStore, clock })(ipn('finished'));
        expect(late.outcome).toBe('duplicate');
        expect(await reconciler(eventStore).reconcile(NOW)).toMatchObject({ recorded: 0, unchanged: 1 });
      })
      .thenAppends({ 'payment-5001': [{ type: 'PaymentStatusRecorded' }, { type: 'PaymentReceived' }], 'invoice-inv_1': [{ type: 'InvoicePaid' }] });
  });

  it('an invoice with no payment ever reported: its payments are listed and recorded oldest first', async () => {
    const silent: ReconcileSource = { stalePayments: async () => [], silentInvoices: async () => [{ invoiceId: 'inv_1', providerInvoiceId: '4000000001', createdAt: '' }] };
    const { reconciler } = world([ipn('waiting'), ipn('confirming'), ipn('finished')], silent);
    const { result } = await commandSpec()
      .given(shop)
      .when(async ({ eventStore }) => reconciler(eventStore).reconcile(NOW))
      .thenAppends({
        'payment-5001': [{ type: 'PaymentStatusRecorded' }, { type: 'PaymentStatusRecorded' }, { type: 'PaymentStatusRecorded' }, { type: 'PaymentReceived' }],
        'invoice-inv_1': [{ type: 'InvoicePaid' }],
      });
    expect(result).toMatchObject({ asked: 1, recorded: 3 });
  });

  it('NOWPayments unreachable: counted and logged, nothing recorded; no lister: the invoice is skipped', async () => {
    const warnings: string[] = [];
    const silent: ReconcileSource = { stalePayments: async () => [{ paymentId: '5001', status: 'waiting', updatedAt: '' }], silentInvoices: async () => [{ invoiceId: 'inv_1', providerInvoiceId: '4000000001', createdAt: '' }] };
    const down: PaymentStatusSource = { payment: async () => Promise.reject(new Error('ECONNREFUSED')) };
    await commandSpec()
      .given(shop)
      .when(async ({ eventStore }) => {
        const reconciler = createIpnReconciler({ recordIpn: recordIpn({ eventStore, clock }), source: silent, nowPayments: down, afterMinutes: 30, logger: { warn: (_o, m) => void warnings.push(m) } });
        expect(await reconciler.reconcile(NOW)).toEqual({ asked: 1, recorded: 0, unchanged: 0, failed: 1, unlistable: 1 });
      })
      .thenAppendsNothing();
    expect(warnings).toHaveLength(1);
    expect(() => createIpnReconciler({ recordIpn: async () => Promise.reject(new Error()), source: silent, nowPayments: down, afterMinutes: 0 })).toThrow('afterMinutes');
  });

  it('a notice refused again appended nothing: counted unchanged and not logged as a lost IPN', async () => {
    const refused: IpnNotice = { ...notice('inv_1', '5001', 'finished', { outcomeCurrency: 'foocoin' }), ipnId: 'ipn-refused' };
    const recorded: string[] = [];
    const logger = { warn: () => undefined, info: (_o: Record<string, unknown>, message: string) => void recorded.push(message) };
    await commandSpec()
      .given(shop)
      .when(async ({ eventStore }) => {
        const source: ReconcileSource = { stalePayments: async () => [{ paymentId: '5001', status: 'waiting', updatedAt: '' }], silentInvoices: async () => [] };
        const reconciler = createIpnReconciler({ recordIpn: recordIpn({ eventStore, clock }), source, nowPayments: { payment: async () => refused }, afterMinutes: 30, logger });
        expect(await reconciler.reconcile(NOW)).toMatchObject({ recorded: 1, unchanged: 0 });
        expect(await reconciler.reconcile(NOW)).toMatchObject({ recorded: 0, unchanged: 1 });
        expect(await reconciler.reconcile(NOW)).toMatchObject({ recorded: 0, unchanged: 1 });
      })
      .thenAppends({ 'refused-payment-5001': [{ type: 'PaymentNoticeRefused' }] });
    expect(recorded).toHaveLength(1);
  });

  it('rotates: each run asks the next `limit` payments and wraps around, so stuck ones cannot starve newer ones', async () => {
    const rows = ['p1', 'p2', 'p3', 'p4', 'p5'].map((paymentId, index) => ({ paymentId, status: 'partially_paid', updatedAt: `2026-01-01T0${index}:00:00.000Z` }));
    const source: ReconcileSource = {
      stalePayments: async ({ limit, after }) =>
        rows.filter((row) => after === undefined || row.updatedAt > after.at || (row.updatedAt === after.at && row.paymentId > after.id)).slice(0, limit),
      silentInvoices: async () => [],
    };
    const asked: string[][] = [];
    let run: string[] = [];
    const nowPayments: PaymentStatusSource = { payment: async (paymentId) => (run.push(paymentId), { ...notice('inv_1', paymentId, 'partially_paid') }) };
    const unchanged = async (ipnNotice: IpnNotice) => ({ outcome: 'duplicate' as const, paymentId: ipnNotice.paymentId, status: 'partially_paid' as const, streamId: '', eventTypes: [] });
    const reconciler = createIpnReconciler({ recordIpn: unchanged, source, nowPayments, afterMinutes: 30, limit: 2 });
    for (let index = 0; index < 4; index += 1) {
      run = [];
      await reconciler.reconcile(NOW);
      asked.push(run);
    }
    expect(asked).toEqual([['p1', 'p2'], ['p3', 'p4'], ['p5', 'p1'], ['p2', 'p3']]);
    // Fewer rows than the limit: every run asks them all.
    const few = createIpnReconciler({ recordIpn: unchanged, source, nowPayments, afterMinutes: 30, limit: 10 });
    run = [];
    await few.reconcile(NOW);
    await few.reconcile(NOW);
    expect(run).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p1', 'p2', 'p3', 'p4', 'p5']);
  });
});

import type { EventStore } from '@paygate/domain';
import { ipnPayload, seedChannel, seedInvoices, signIpn, type SignedIpn, type TrafficInvoice } from '../../infra/src/faults/ipn-traffic.ts';

export type PreparedIpn = SignedIpn & { paymentId: string };

export type IpnPool = {
  /** The next unused `finished` IPN (each for its own invoice), or undefined when all are used. */
  take(): PreparedIpn | undefined;
  remaining(): number;
};

/**
 * Invoices appended straight through the deciders (no NOWPayments call) and their `finished` IPNs
 * signed up front, so the timed phases spend no client CPU on HMACs.
 */
export const prepareIpnPool = async (eventStore: EventStore, count: number, secret: string): Promise<{ pool: IpnPool; seedPerSecond: number }> => {
  const started = performance.now();
  const tier = await seedChannel(eventStore, 'ch_bench');
  const invoices: TrafficInvoice[] = await seedInvoices(eventStore, tier, { count, firstPaymentId: 6_000_000_000, concurrency: 16, prefix: 'inv_bench' });
  const seedPerSecond = (count * 1000) / (performance.now() - started);
  const ipns: PreparedIpn[] = invoices.map((invoice) => ({ ...signIpn(ipnPayload(invoice, 'finished'), secret), paymentId: String(invoice.paymentId) }));
  let next = 0;
  return { pool: { take: () => ipns[next++], remaining: () => Math.max(0, ipns.length - next) }, seedPerSecond };
};

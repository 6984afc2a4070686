import { invoiceSnapshot, type EventStore, type InvoiceSnapshot } from '@paygate/domain';
import { loadInvoice } from '../invoice/index.ts';

/** Who paid an invoice is not fixed at creation: a finished IPN reads it fresh (invoice-payer.ts). */
const withoutPayer = ({ paidBy: _paidBy, ...terms }: InvoiceSnapshot): InvoiceSnapshot => terms;

/**
 * Invoice snapshots for IPNs. What a snapshot holds (channel, tier, subscriber, price, duration)
 * is fixed by InvoiceCreated and never changes, so a found snapshot can be reused; a missing
 * invoice is never cached (it may be created a moment later). Saves one of the webhook's
 * three database round trips for every status after the first. Bounded, oldest dropped first.
 */
export const createInvoiceSnapshotCache = (eventStore: EventStore, maxEntries = 10_000) => {
  const cache = new Map<string, InvoiceSnapshot>();
  return async (invoiceId: string): Promise<InvoiceSnapshot | null> => {
    const cached = cache.get(invoiceId);
    if (cached) return cached;
    const found = invoiceSnapshot(await loadInvoice(eventStore, invoiceId));
    const snapshot = found && withoutPayer(found);
    if (snapshot) {
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      cache.set(invoiceId, snapshot);
    }
    return snapshot;
  };
};

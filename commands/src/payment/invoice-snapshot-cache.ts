import { invoiceSnapshot, type EventStore, type InvoiceSnapshot } from '@paygate/domain';
import type { StreamCache } from '../command-handler/index.ts';
import { loadInvoice } from '../invoice/index.ts';

/** Who paid an invoice is not fixed at creation: a finished IPN reads it fresh (invoice-payer.ts). */
const withoutPayer = ({ paidBy: _paidBy, ...terms }: InvoiceSnapshot): InvoiceSnapshot => terms;

/**
 * Invoice snapshots for IPNs. What a snapshot holds (channel, tier, subscriber, price, duration)
 * is fixed by InvoiceCreated and never changes, so a found snapshot can be reused; a missing
 * invoice is never cached (it may be created a moment later). Saves one of the webhook's
 * three database round trips for every status after the first. Bounded, oldest dropped first.
 */
export const createInvoiceSnapshotCache = (eventStore: EventStore, maxEntries = 10_000, streams?: StreamCache) => {
  const cache = new Map<string, InvoiceSnapshot>();
  return async (invoiceId: string): Promise<InvoiceSnapshot | null> => {
    const cached = cache.get(invoiceId);
    if (cached) return cached;
    // The stream read here is remembered too: a finished IPN's payer claim decides on it next.
    const found = invoiceSnapshot(await loadInvoice(eventStore, invoiceId, streams));
    const snapshot = found && withoutPayer(found);
    if (snapshot) {
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
      cache.set(invoiceId, snapshot);
    }
    return snapshot;
  };
};

import type { StreamCache } from '../command-handler/index.ts';
import { invoiceDecider, invoiceStreamId, parseInvoiceEvent, type EventStore, type InvoiceState } from '@paygate/domain';

const fold = (events: readonly { type: string; data: unknown }[]): InvoiceState =>
  events.reduce((state, event) => invoiceDecider.evolve(state, parseInvoiceEvent(event)), invoiceDecider.initialState);

/**
 * The invoice as its stream says now; every event is validated by its schema before it is folded.
 * With a cache, what was read is remembered for a command deciding on it next.
 */
export const loadInvoice = async (eventStore: EventStore, invoiceId: string, cache?: StreamCache): Promise<InvoiceState> => {
  const recorded = await eventStore.readStream(invoiceStreamId(invoiceId));
  cache?.remember(invoiceStreamId(invoiceId), recorded);
  return fold(recorded);
};

/**
 * The invoice as this process last saw it (read when not cached). May be stale: only for a
 * decision whose append expects the cached revision (see StreamCache), such as a payer claim.
 */
export const loadCachedInvoice = async (eventStore: EventStore, invoiceId: string, cache: StreamCache): Promise<InvoiceState> => {
  const cached = cache.get(invoiceStreamId(invoiceId));
  return cached ? fold(cached.events) : loadInvoice(eventStore, invoiceId, cache);
};

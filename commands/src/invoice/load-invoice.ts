import type { StreamCache } from '../command-handler/index.ts';
import { invoiceDecider, invoiceStreamId, parseInvoiceEvent, type EventStore, type InvoiceState } from '@paygate/domain';

/**
 * The invoice as its stream says now; every event is validated by its schema before it is folded.
 * With a cache, what was read is remembered for a command deciding on it next.
 */
export const loadInvoice = async (eventStore: EventStore, invoiceId: string, cache?: StreamCache): Promise<InvoiceState> => {
  const recorded = await eventStore.readStream(invoiceStreamId(invoiceId));
  cache?.remember(invoiceStreamId(invoiceId), recorded);
  return recorded.reduce((state, event) => invoiceDecider.evolve(state, parseInvoiceEvent(event)), invoiceDecider.initialState);
};

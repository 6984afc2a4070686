import { invoiceDecider, invoiceStreamId, parseInvoiceEvent, type EventStore, type InvoiceState } from '@paygate/domain';

/** The invoice as its stream says now; every event is validated by its schema before it is folded. */
export const loadInvoice = async (eventStore: EventStore, invoiceId: string): Promise<InvoiceState> => {
  const recorded = await eventStore.readStream(invoiceStreamId(invoiceId));
  return recorded.reduce((state, event) => invoiceDecider.evolve(state, parseInvoiceEvent(event)), invoiceDecider.initialState);
};

import { handleCommand } from '@paygate/commands';
import {
  channelDecider,
  channelStreamId,
  findTier,
  foldEvents,
  invoiceDecider,
  invoiceSnapshot,
  invoiceStreamId,
  parseChannelEvent,
  parseInvoiceEvent,
  parsePaymentEvent,
  paymentDecider,
  paymentStreamId,
  type EventStore,
  type PaymentNotice,
  type RecordedEvent,
} from '@paygate/domain';

/**
 * Purchases as the payment flow records them (InvoiceCreated, then the NOWPayments statuses
 * through the payment decider), so the lifecycle sees the very PaymentReceived the webhook appends.
 */
export const createPurchases = (eventStore: EventStore, clock: () => Date) => {
  const run = async <Command, Event extends { type: string; data: unknown }, State>(
    decider: { initialState: State; evolve: (s: State, e: Event) => State; decide: (c: Command, s: State) => Event[] },
    streamId: string,
    command: Command,
  ) =>
    handleCommand<State, Event>({ eventStore, streamId, initialState: () => decider.initialState, evolve: decider.evolve, decide: (s) => decider.decide(command, s) });

  const invoice = async (invoiceId: string, channelId: string, subscriberId: string, tierId = 'monthly') => {
    const channel = foldEvents(channelDecider, (await eventStore.readStream(channelStreamId(channelId))).map(parseChannelEvent));
    await run(invoiceDecider, invoiceStreamId(invoiceId), {
      type: 'CreateInvoice',
      data: { invoiceId, channelId, tierId, subscriberId, tier: findTier(channel, tierId), createdAt: clock().toISOString() },
    });
  };

  const notify = async (invoiceId: string, paymentId: string, status: PaymentNotice['status'], patch: Partial<PaymentNotice> = {}) => {
    const snapshot = invoiceSnapshot(foldEvents(invoiceDecider, (await eventStore.readStream(invoiceStreamId(invoiceId))).map(parseInvoiceEvent)));
    if (!snapshot) throw new Error(`no invoice ${invoiceId}`);
    const notice: PaymentNotice = {
      paymentId,
      orderId: invoiceId,
      status,
      priceAmount: 12.5,
      priceCurrency: 'usd',
      payAmount: 12.502501,
      actuallyPaid: status === 'partially_paid' ? 6.25 : 12.502501,
      payCurrency: 'usdttrc20',
      outcomeAmount: 12.43999,
      outcomeCurrency: 'usdttrc20',
      receivedAt: clock().toISOString(),
      ...patch,
    };
    await run(paymentDecider, paymentStreamId(paymentId), { type: 'RecordPaymentStatus', data: { notice, invoice: snapshot } });
  };

  const eventOf = async (paymentId: string, type: string): Promise<RecordedEvent> => {
    const found = (await eventStore.readStream(paymentStreamId(paymentId))).find((event) => event.type === type);
    if (!found) throw new Error(`payment ${paymentId} has no ${type}`);
    parsePaymentEvent(found);
    return found;
  };

  return {
    invoice,
    notify,
    /** Creates the invoice and pays it in full: returns the recorded PaymentReceived. */
    async pay(input: { invoiceId: string; channelId: string; subscriberId: string; paymentId: string }): Promise<RecordedEvent> {
      await invoice(input.invoiceId, input.channelId, input.subscriberId);
      await notify(input.invoiceId, input.paymentId, 'finished');
      return eventOf(input.paymentId, 'PaymentReceived');
    },
    /** Pays another payment for an invoice that exists (a second payment for one invoice). */
    async payAgain(invoiceId: string, paymentId: string): Promise<RecordedEvent> {
      await notify(invoiceId, paymentId, 'finished');
      return eventOf(paymentId, 'PaymentReceived');
    },
    async underpay(input: { invoiceId: string; channelId: string; subscriberId: string; paymentId: string }): Promise<RecordedEvent> {
      await invoice(input.invoiceId, input.channelId, input.subscriberId);
      await notify(input.invoiceId, input.paymentId, 'partially_paid');
      return eventOf(input.paymentId, 'PaymentUnderpaid');
    },
  };
};

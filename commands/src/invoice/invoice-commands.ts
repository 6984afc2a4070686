import {
  findTier,
  formatMoney,
  invoiceDecider,
  invoiceStreamId,
  isPayGateError,
  parseInvoiceEvent,
  PayGateError,
  type EventMetadata,
  type EventStore,
  type InvoiceCommand,
  type InvoiceEvent,
  type InvoiceState,
  type Money,
} from '@paygate/domain';
import { handleCommand } from '../command-handler/index.ts';
import { deterministicId } from '../ids/index.ts';
import { loadChannel } from '../channel/index.ts';
import { ipnCallbackUrl, newInvoiceId, type InvoiceGateway } from './invoice-gateway.ts';
import { loadInvoice } from './load-invoice.ts';

export type InvoiceCommandDeps = {
  eventStore: EventStore;
  nowPayments: InvoiceGateway;
  /** Public base URL of the api role; NOWPayments posts IPNs to `<publicUrl>/webhooks/nowpayments`. */
  publicUrl: string | (() => string);
  clock: () => Date;
  /** Invoice ids for new purchases; default `inv_<24 hex>`. */
  newId?: () => string;
};

export type CreateInvoiceRequest = {
  channelId: string;
  tierId: string;
  subscriberId: string;
  /** Pass the id from an earlier attempt to retry that purchase instead of starting another. */
  invoiceId?: string;
};

/** An invoice with its NOWPayments payment page: what the subscriber is shown. */
export type LinkedInvoice = {
  invoiceId: string;
  providerInvoiceId: string;
  invoiceUrl: string;
  price: Money;
  durationDays: number;
};

export type InvoiceCommands = {
  /**
   * Records the purchase (InvoiceCreated), then creates the NOWPayments invoice and records the
   * link (InvoiceLinked). If NOWPayments fails, the recorded invoice stays and this throws a
   * PayGateError (kind from the gateway, usually 'unavailable') whose `details.invoiceId` names
   * it and `details.linked` is false: `linkInvoice(invoiceId)` (or this again with that
   * invoiceId) finishes it. Repeating either is idempotent.
   */
  createInvoice(input: CreateInvoiceRequest, metadata?: EventMetadata): Promise<LinkedInvoice>;
  /** Links a recorded invoice to a NOWPayments invoice; returns the existing link if it has one. */
  linkInvoice(invoiceId: string, metadata?: EventMetadata): Promise<LinkedInvoice>;
};

type Created = Extract<InvoiceState, { status: 'created' }>;

const evolve = (state: InvoiceState, event: InvoiceEvent): InvoiceState => invoiceDecider.evolve(state, parseInvoiceEvent(event));

const linked = (state: Created): LinkedInvoice | undefined =>
  state.provider && {
    invoiceId: state.invoiceId,
    providerInvoiceId: state.provider.providerInvoiceId,
    invoiceUrl: state.provider.invoiceUrl,
    price: state.price,
    durationDays: state.durationDays,
  };

export const createInvoiceCommands = (deps: InvoiceCommandDeps): InvoiceCommands => {
  const { eventStore, nowPayments, clock } = deps;
  const newId = deps.newId ?? newInvoiceId;
  const now = () => clock().toISOString();

  const run = (invoiceId: string, command: InvoiceCommand, eventId: string, metadata: EventMetadata | undefined) =>
    handleCommand<InvoiceState, InvoiceEvent>({
      eventStore,
      streamId: invoiceStreamId(invoiceId),
      initialState: () => invoiceDecider.initialState,
      evolve,
      decide: (state) => invoiceDecider.decide(command, state),
      eventId: () => eventId,
      ...(metadata === undefined ? {} : { metadata }),
    });

  const requireCreated = async (invoiceId: string): Promise<Created> => {
    const state = await loadInvoice(eventStore, invoiceId);
    if (state.status !== 'created') throw new PayGateError('not_found', `invoice ${invoiceId} does not exist`, { invoiceId });
    return state;
  };

  const describe = async (invoice: Created): Promise<string> => {
    const channel = await loadChannel(eventStore, invoice.channelId);
    const tier = findTier(channel, invoice.tierId);
    const title = channel.status === 'registered' ? channel.title : invoice.channelId;
    if (invoice.purpose === 'donation') return `Donation to ${title}`;
    return `${title}: ${tier?.name ?? invoice.tierId} (${invoice.durationDays} days)`;
  };

  const callNowPayments = async (invoice: Created) => {
    try {
      return await nowPayments.createInvoice({
        priceAmount: formatMoney(invoice.price),
        priceCurrency: invoice.price.currency,
        orderId: invoice.invoiceId,
        orderDescription: await describe(invoice),
        // Read per call: the api's public address may only be known once it listens.
        ipnCallbackUrl: ipnCallbackUrl(typeof deps.publicUrl === 'function' ? deps.publicUrl() : deps.publicUrl),
      });
    } catch (error) {
      const kind = isPayGateError(error) ? error.kind : 'unavailable';
      const reason = isPayGateError(error) ? error.message : 'the NOWPayments call failed';
      throw new PayGateError(
        kind,
        `invoice ${invoice.invoiceId} is recorded but has no NOWPayments payment page yet (${reason}); linkInvoice retries it`,
        { invoiceId: invoice.invoiceId, linked: false },
        { cause: error },
      );
    }
  };

  const linkInvoice = async (invoiceId: string, metadata?: EventMetadata): Promise<LinkedInvoice> => {
    const invoice = await requireCreated(invoiceId);
    const existing = linked(invoice);
    if (existing) return existing;
    const { providerInvoiceId, invoiceUrl } = await callNowPayments(invoice);
    const provider = { providerInvoiceId, invoiceUrl };
    const command: InvoiceCommand = { type: 'LinkInvoice', data: { invoiceId, ...provider, linkedAt: now() } };
    try {
      await run(invoiceId, command, deterministicId('InvoiceLinked', invoiceId, provider.providerInvoiceId), metadata);
    } catch (error) {
      // Two links raced and the other one was recorded first: that one is the invoice's page.
      const winner = isPayGateError(error) && error.kind === 'conflict' ? linked(await requireCreated(invoiceId)) : undefined;
      if (winner) return winner;
      throw error;
    }
    return { invoiceId, ...provider, price: invoice.price, durationDays: invoice.durationDays };
  };

  const createInvoice = async (input: CreateInvoiceRequest, metadata?: EventMetadata): Promise<LinkedInvoice> => {
    const { channelId, tierId, subscriberId } = input;
    const invoiceId = input.invoiceId ?? newId();
    const tier = findTier(await loadChannel(eventStore, channelId), tierId);
    const command: InvoiceCommand = { type: 'CreateInvoice', data: { invoiceId, channelId, tierId, subscriberId, tier, createdAt: now() } };
    await run(invoiceId, command, deterministicId('InvoiceCreated', invoiceId, channelId, tierId, subscriberId), metadata);
    return linkInvoice(invoiceId, metadata);
  };

  return { createInvoice, linkInvoice };
};

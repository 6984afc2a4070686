import type { Decider } from '../decider/decider.ts';
import { parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import { moneyToJson } from '../money/index.ts';
import type { CreateInvoice, InvoiceCommand, LinkInvoice, RecordInvoicePayment } from './invoice-commands.ts';
import { InvoiceCreatedSchema, InvoiceLinkedSchema, InvoicePaidSchema, type InvoiceEvent } from './invoice-events.ts';
import { evolveInvoice, initialInvoiceState, type InvoiceState } from './invoice-state.ts';

const create = (command: CreateInvoice, state: InvoiceState): InvoiceEvent[] => {
  const { invoiceId, channelId, tierId, subscriberId, tier, createdAt } = command.data;
  if (state.status === 'created') {
    // A retried "buy" for the same thing is the same invoice; anything else reuses an id.
    const same = state.channelId === channelId && state.tierId === tierId && state.subscriberId === subscriberId;
    if (same) return [];
    throw new PayGateError('conflict', `invoice ${invoiceId} already exists for another purchase`, { invoiceId });
  }
  if (!tier) throw new PayGateError('not_found', `tier ${tierId} of channel ${channelId} does not exist`, { channelId, tierId });
  if (tier.channelId !== channelId || tier.tierId !== tierId) {
    throw new PayGateError('validation', `tier snapshot ${tier.channelId}/${tier.tierId} does not match ${channelId}/${tierId}`);
  }
  if (tier.retired) throw new PayGateError('conflict', `tier ${tierId} is retired and cannot be bought`, { channelId, tierId });
  const data = { invoiceId, channelId, tierId, subscriberId, price: moneyToJson(tier.price), durationDays: tier.durationDays, createdAt };
  return [parseWithSchema(InvoiceCreatedSchema, { type: 'InvoiceCreated', data }, 'InvoiceCreated')];
};

const link = (command: LinkInvoice, state: InvoiceState): InvoiceEvent[] => {
  const { invoiceId, providerInvoiceId, invoiceUrl } = command.data;
  if (state.status !== 'created') throw new PayGateError('not_found', `invoice ${invoiceId} does not exist`, { invoiceId });
  if (state.invoiceId !== invoiceId) throw new PayGateError('validation', `command for invoice ${invoiceId} on the stream of ${state.invoiceId}`);
  if (state.provider) {
    const same = state.provider.providerInvoiceId === providerInvoiceId && state.provider.invoiceUrl === invoiceUrl;
    if (same) return [];
    throw new PayGateError('conflict', `invoice ${invoiceId} is already linked to provider invoice ${state.provider.providerInvoiceId}`, {
      invoiceId,
    });
  }
  return [parseWithSchema(InvoiceLinkedSchema, { type: 'InvoiceLinked', data: command.data }, 'InvoiceLinked')];
};

/** The first payment pays the invoice; the same one again, or any later one, changes nothing. */
const recordPayment = (command: RecordInvoicePayment, state: InvoiceState): InvoiceEvent[] => {
  const { invoiceId } = command.data;
  if (state.status !== 'created') throw new PayGateError('not_found', `invoice ${invoiceId} does not exist`, { invoiceId });
  if (state.invoiceId !== invoiceId) throw new PayGateError('validation', `command for invoice ${invoiceId} on the stream of ${state.invoiceId}`);
  if (state.paidBy !== undefined) return [];
  return [parseWithSchema(InvoicePaidSchema, { type: 'InvoicePaid', data: command.data }, 'InvoicePaid')];
};

/**
 * Stream `invoice-<invoiceId>`. Rules: an invoice is for an existing, not retired tier and copies
 * its price and duration; it is linked to one NOWPayments invoice. Repeating either command with
 * the same content changes nothing; different content is a conflict. It is paid once, by the
 * first payment recorded for it (InvoicePaid).
 */
export const invoiceDecider: Decider<InvoiceCommand, InvoiceEvent, InvoiceState> = {
  initialState: initialInvoiceState,
  evolve: evolveInvoice,
  decide(command, state) {
    switch (command.type) {
      case 'CreateInvoice':
        return create(command, state);
      case 'LinkInvoice':
        return link(command, state);
      case 'RecordInvoicePayment':
        return recordPayment(command, state);
    }
  },
};

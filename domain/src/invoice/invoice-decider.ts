import type { Decider } from '../decider/decider.ts';
import { parseWithSchema } from '../decider/event-schema.ts';
import { PayGateError } from '../errors/index.ts';
import { moneyEquals, moneyToJson } from '../money/index.ts';
import { assertDonationAmount, DONATION_TIER_ID } from '../donation/donation-amount.ts';
import type { CreateDonationInvoice, CreateInvoice, InvoiceCommand, LinkInvoice, RecordInvoicePayment } from './invoice-commands.ts';
import { DonationInvoiceCreatedSchema, InvoiceCreatedSchema, InvoiceLinkedSchema, InvoicePaidSchema, type InvoiceEvent } from './invoice-events.ts';
import { evolveInvoice, initialInvoiceState, type InvoiceState } from './invoice-state.ts';

const create = (command: CreateInvoice, state: InvoiceState): InvoiceEvent[] => {
  const { invoiceId, channelId, tierId, subscriberId, tier, createdAt } = command.data;
  if (state.status === 'created') {
    // A retried "buy" for the same thing is the same invoice; anything else reuses an id.
    const same = state.channelId === channelId && state.tierId === tierId && state.subscriberId === subscriberId;
    if (same) return [];
    throw new PayGateError('conflict', `invoice ${invoiceId} already exists for another purchase`, { invoiceId });
  }
  if (tierId === DONATION_TIER_ID) throw new PayGateError('validation', `tier id ${DONATION_TIER_ID} is reserved for donations`, { tierId });
  if (!tier) throw new PayGateError('not_found', `tier ${tierId} of channel ${channelId} does not exist`, { channelId, tierId });
  if (tier.channelId !== channelId || tier.tierId !== tierId) {
    throw new PayGateError('validation', `tier snapshot ${tier.channelId}/${tier.tierId} does not match ${channelId}/${tierId}`);
  }
  if (tier.retired) throw new PayGateError('conflict', `tier ${tierId} is retired and cannot be bought`, { channelId, tierId });
  const data = { invoiceId, channelId, tierId, subscriberId, price: moneyToJson(tier.price), durationDays: tier.durationDays, createdAt };
  return [parseWithSchema(InvoiceCreatedSchema, { type: 'InvoiceCreated', data }, 'InvoiceCreated')];
};

const createDonation = (command: CreateDonationInvoice, state: InvoiceState): InvoiceEvent[] => {
  const { invoiceId, channelId, donorId, amount, showName, donorName, channelRegistered, donations, createdAt } = command.data;
  if (state.status === 'created') {
    // A retried donation is the same invoice; anything else reuses an id.
    const same =
      state.donation !== undefined &&
      state.channelId === channelId &&
      state.subscriberId === donorId &&
      moneyEquals(state.price, amount) &&
      state.donation.showName === showName;
    if (same) return [];
    throw new PayGateError('conflict', `invoice ${invoiceId} already exists for another purchase`, { invoiceId });
  }
  if (!channelRegistered) throw new PayGateError('not_found', `channel ${channelId} does not exist`, { channelId });
  // A channel whose owner never set donations up takes none (the Donate button is theirs to post).
  if (donations === 'not_configured') throw new PayGateError('conflict', `${channelId} does not take donations`, { channelId, configured: false });
  // `paused` lets a caller tell this conflict from a reused invoice id.
  if (donations === 'paused') throw new PayGateError('conflict', `donations to ${channelId} are paused`, { channelId, paused: true });
  assertDonationAmount(amount);
  const name = showName ? donorName?.trim() : undefined;
  const data = { invoiceId, channelId, donorId, amount: moneyToJson(amount), showName, ...(name ? { donorName: name } : {}), createdAt };
  return [parseWithSchema(DonationInvoiceCreatedSchema, { type: 'DonationInvoiceCreated', data }, 'DonationInvoiceCreated')];
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
 * the same content changes nothing; different content is a conflict. A donation invoice
 * (DonationInvoiceCreated) is for a registered channel and an amount within the donation limits;
 * the tier id 'donation' is reserved for it. It is paid once, by the
 * first payment recorded for it (InvoicePaid).
 */
export const invoiceDecider: Decider<InvoiceCommand, InvoiceEvent, InvoiceState> = {
  initialState: initialInvoiceState,
  evolve: evolveInvoice,
  decide(command, state) {
    switch (command.type) {
      case 'CreateInvoice':
        return create(command, state);
      case 'CreateDonationInvoice':
        return createDonation(command, state);
      case 'LinkInvoice':
        return link(command, state);
      case 'RecordInvoicePayment':
        return recordPayment(command, state);
    }
  },
};

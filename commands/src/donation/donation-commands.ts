import {
  donationsDecider,
  donationsStreamId,
  invoiceDecider,
  invoiceStreamId,
  parseDonationsEvent,
  parseInvoiceEvent,
  type DonationsAcceptance,
  type DonationsCommand,
  type DonationsEvent,
  type DonationsState,
  type EventMetadata,
  type InvoiceEvent,
  type InvoiceState,
  type Money,
} from '@paygate/domain';
import { loadChannel } from '../channel/index.ts';
import { handleCommand, type CommandResult } from '../command-handler/index.ts';
import { deterministicId } from '../ids/index.ts';
import { createInvoiceCommands, type InvoiceCommandDeps } from '../invoice/index.ts';

export type DonationCommandDeps = InvoiceCommandDeps;

export type DonationInvoiceRequest = {
  invoiceId: string;
  channelId: string;
  donorId: string;
  amount: Money;
  /** The donor allowed the owner to see their name; `donorName` is stored only then. */
  showName: boolean;
  donorName?: string;
};

export type DonationInvoice = { invoiceId: string; invoiceUrl: string; amount: Money };

/** A channel's donation settings as the bot uses them (`enabled` false: paused); undefined until the owner enabled donations. */
export type DonationSettings = {
  presets: readonly Money[];
  enabled: boolean;
  postInPublic: boolean;
  messages: readonly { chatId: string; messageId: number }[];
};

/** `enabled: false` pauses donations, keeping the presets; absent means enabled. */
export type ConfigureDonationsInput = { channelId: string; requestedBy: string; presets: readonly Money[]; postInPublic: boolean; enabled?: boolean };
export type RecordDonationMessageInput = { channelId: string; chatId: string; messageId: number };

export type DonationCommands = {
  /**
   * Records the donation (DonationInvoiceCreated), then creates its NOWPayments invoice ("Donation
   * to <channel title>") and records the link (InvoiceLinked), as createInvoice does for a tier.
   * Idempotent for an invoiceId. Errors: validation (amount outside the limits, too many
   * decimals), not_found (channel), conflict (the channel never configured donations, the owner
   * paused them, or the id is another purchase); a failed NOWPayments
   * call leaves the invoice recorded (details.invoiceId, details.linked false): call again.
   */
  createDonationInvoice(input: DonationInvoiceRequest, metadata?: EventMetadata): Promise<DonationInvoice>;
  donationSettings(channelId: string): Promise<DonationSettings | undefined>;
  /** DonationsConfigured; `[]` when unchanged. Errors: not_found (channel), forbidden (not its owner), validation (presets). */
  configureDonations(input: ConfigureDonationsInput, metadata?: EventMetadata): Promise<CommandResult<DonationsEvent>>;
  /** DonationMessagePosted; `[]` when that message is already recorded. Errors: not_found (donations not enabled). */
  recordDonationMessage(input: RecordDonationMessageInput, metadata?: EventMetadata): Promise<CommandResult<DonationsEvent>>;
};

const evolveDonations = (state: DonationsState, event: DonationsEvent): DonationsState => donationsDecider.evolve(state, parseDonationsEvent(event));
const evolveInvoice = (state: InvoiceState, event: InvoiceEvent): InvoiceState => invoiceDecider.evolve(state, parseInvoiceEvent(event));

const acceptance = (settings: DonationsState): DonationsAcceptance =>
  settings.status !== 'configured' ? 'not_configured' : settings.enabled ? 'enabled' : 'paused';

/** Donations: a channel's settings on `donations-<channelId>`, donation invoices on `invoice-<id>`. */
export const createDonationCommands = (deps: DonationCommandDeps): DonationCommands => {
  const { eventStore, clock } = deps;
  const invoices = createInvoiceCommands(deps);
  const now = () => clock().toISOString();

  const runDonations = (channelId: string, command: DonationsCommand, metadata: EventMetadata | undefined, eventId?: () => string) =>
    handleCommand<DonationsState, DonationsEvent>({
      eventStore,
      streamId: donationsStreamId(channelId),
      initialState: () => donationsDecider.initialState,
      evolve: evolveDonations,
      decide: (state) => donationsDecider.decide(command, state),
      ...(eventId === undefined ? {} : { eventId }),
      ...(metadata === undefined ? {} : { metadata }),
    });

  const loadSettings = async (channelId: string): Promise<DonationsState> =>
    (await eventStore.readStream(donationsStreamId(channelId))).reduce(
      (state, event) => evolveDonations(state, event as DonationsEvent),
      donationsDecider.initialState,
    );

  return {
    async createDonationInvoice(input, metadata) {
      const { invoiceId, channelId, donorId, amount, showName, donorName } = input;
      const channel = await loadChannel(eventStore, channelId);
      const settings = await loadSettings(channelId);
      const data = {
        invoiceId,
        channelId,
        donorId,
        amount,
        showName,
        ...(donorName === undefined ? {} : { donorName }),
        channelRegistered: channel.status === 'registered',
        donations: acceptance(settings),
        createdAt: now(),
      };
      await handleCommand<InvoiceState, InvoiceEvent>({
        eventStore,
        streamId: invoiceStreamId(invoiceId),
        initialState: () => invoiceDecider.initialState,
        evolve: evolveInvoice,
        decide: (state) => invoiceDecider.decide({ type: 'CreateDonationInvoice', data }, state),
        eventId: () => deterministicId('DonationInvoiceCreated', invoiceId, channelId, donorId, amount.currency, amount.amount.toString()),
        ...(metadata === undefined ? {} : { metadata }),
      });
      const linked = await invoices.linkInvoice(invoiceId, metadata);
      return { invoiceId, invoiceUrl: linked.invoiceUrl, amount: linked.price };
    },

    async donationSettings(channelId) {
      const state = await loadSettings(channelId);
      if (state.status !== 'configured') return undefined;
      const messages = [...state.messages].map(([chatId, messageId]) => ({ chatId, messageId }));
      return { presets: state.presets, enabled: state.enabled, postInPublic: state.postInPublic, messages };
    },

    async configureDonations({ channelId, requestedBy, presets, postInPublic, enabled = true }, metadata) {
      const channel = await loadChannel(eventStore, channelId);
      const ownerId = channel.status === 'registered' ? channel.ownerId : null;
      const data = { channelId, ownerId, requestedBy, presets, postInPublic, enabled, configuredAt: now() };
      return runDonations(channelId, { type: 'ConfigureDonations', data }, metadata);
    },

    recordDonationMessage: ({ channelId, chatId, messageId }, metadata) =>
      runDonations(channelId, { type: 'RecordDonationMessage', data: { channelId, chatId, messageId, postedAt: now() } }, metadata, () =>
        deterministicId('DonationMessagePosted', channelId, chatId, String(messageId)),
      ),
  };
};

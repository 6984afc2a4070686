import { isPayGateError, moneyFromJson, parsePayoutAccumulationEvent, PayGateError, type ChannelPayoutSettings, type EventStore, type RecordedEvent } from '@paygate/domain';
import { causedBy } from '../access/subscription-store.ts';
import type { ProcessManager } from '../process-manager/index.ts';
import { runPayoutCommand } from './payout-streams.ts';

export const PAYOUT_STARTER_NAME = 'payout-starter';

export type PayoutStarterDeps = {
  eventStore: EventStore;
  clock: () => Date;
  /** The host wallet's network: a wallet taking the settled currency there is paid directly. */
  hostNetwork: string;
  payoutSettingsFor(channelId: string): Promise<ChannelPayoutSettings>;
};

/**
 * On BatchPayoutStarted: the payout begins with the wallet in force now (a change still in its
 * hold period does not count) and keeps it to the end. Payouts held for the channel since the
 * balance was released start and stop at once, held, where an operator sees them.
 */
export const createPayoutStarter = (deps: PayoutStarterDeps): ProcessManager => ({
  name: PAYOUT_STARTER_NAME,
  handles: ['BatchPayoutStarted'],
  async handle(recorded: RecordedEvent) {
    const event = parsePayoutAccumulationEvent(recorded);
    if (event.type !== 'BatchPayoutStarted') return;
    const { channelId, payoutId, amount, paymentIds } = event.data;
    const settings = await deps.payoutSettingsFor(channelId);
    const wallet = settings.wallet;
    if (wallet === null || settings.ownerId === null) {
      // Released while a wallet was in force, gone since (the channel changed hands): nothing to pay to yet.
      throw new PayGateError('conflict', `payout ${payoutId}: channel ${channelId} has no payout wallet in force`, { payoutId, blockedBy: settings.blockedBy });
    }
    const now = deps.clock().toISOString();
    const metadata = causedBy(recorded);
    await runPayoutCommand(
      deps.eventStore,
      payoutId,
      {
        type: 'StartPayout',
        data: {
          payoutId,
          paymentIds,
          channelId,
          ownerId: settings.ownerId,
          amount: moneyFromJson(amount),
          wallet: { address: wallet.address, network: wallet.network, currency: wallet.currency },
          hostNetwork: deps.hostNetwork,
          startedAt: now,
        },
      },
      metadata,
    );
    if (settings.payoutsHeld !== null) {
      const detail = 'payouts are held for this channel';
      await runPayoutCommand(deps.eventStore, payoutId, { type: 'HoldPayout', data: { reason: 'payouts_held', detail, heldAt: now } }, metadata).catch((error: unknown) => {
        // Already held (a redelivery), or already past holding: either way nothing more to do.
        if (!(isPayGateError(error) && error.kind === 'conflict')) throw error;
      });
    }
  },
});
